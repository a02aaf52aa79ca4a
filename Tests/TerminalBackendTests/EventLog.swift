import SynthUI
import TestPeer

/// Collects the events the runtime's API requests post from their transport threads (TestPeer's `Recorder`).
typealias EventLog = Recorder<Event>
