// A pseudo-terminal for painting through real curses without a real terminal: the screen writes to the slave side,
// a thread drains the master side and counts the bytes (what a terminal emulator would have to parse).
import Foundation
import Glibc
import Synchronization

final class PseudoTerminal: Sendable {
    let masterDescriptor: Int32
    let slaveDescriptor: Int32
    /// Keystrokes never arrive: the screen reads from the read end of this pipe.
    let inputReadDescriptor: Int32
    let inputWriteDescriptor: Int32
    private let drained = Atomic<Int>(0)

    init?(columns: Int, rows: Int) {
        guard let calls = PseudoTerminalCalls() else { return nil }
        let master = calls.openMaster(O_RDWR | O_NOCTTY)
        guard master >= 0, calls.grant(master) == 0, calls.unlock(master) == 0, let name = calls.slaveName(master) else {
            return nil
        }
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            Glibc.close(master)
            return nil
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            Glibc.close(slave)
            Glibc.close(master)
            return nil
        }
        masterDescriptor = master
        slaveDescriptor = slave
        inputReadDescriptor = pipeEnds[0]
        inputWriteDescriptor = pipeEnds[1]
        resize(columns: columns, rows: rows)
        let thread = Thread { [self] in drain() }
        thread.start()
    }

    /// Sets the window size, which curses reads when it opens the screen.
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slaveDescriptor, UInt(TIOCSWINSZ), &size)
    }

    /// Bytes the terminal received so far.
    var bytesReceived: Int { drained.load(ordering: .acquiring) }

    /// Waits until the drain thread has read everything written so far (no bytes for a few milliseconds).
    func settle() -> Int {
        var last = -1
        var current = bytesReceived
        while current != last {
            last = current
            usleep(5_000)
            current = bytesReceived
        }
        return current
    }

    /// Closes the slave side and the input pipe: the drain thread then reads EIO, closes the master and ends.
    /// Call after the screen on it is closed.
    func close() {
        Glibc.close(slaveDescriptor)
        Glibc.close(inputReadDescriptor)
        Glibc.close(inputWriteDescriptor)
    }

    private func drain() {
        defer { Glibc.close(masterDescriptor) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(masterDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                drained.add(count, ordering: .releasing)
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break  // the slave side closed (EIO) or the master was closed
            }
        }
    }
}

/// glibc declares posix_openpt, grantpt, unlockpt and ptsname only under _XOPEN_SOURCE, which SwiftPM will not
/// define for a Swift target: look them up at run time instead.
private struct PseudoTerminalCalls {
    typealias Descriptor = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    let openMaster: Descriptor
    let grant: Descriptor
    let unlock: Descriptor
    let slaveName: Name

    init?() {
        let process = dlopen(nil, RTLD_NOW)
        guard let open = dlsym(process, "posix_openpt"), let grant = dlsym(process, "grantpt"),
              let unlock = dlsym(process, "unlockpt"), let name = dlsym(process, "ptsname") else { return nil }
        openMaster = unsafeBitCast(open, to: Descriptor.self)
        self.grant = unsafeBitCast(grant, to: Descriptor.self)
        self.unlock = unsafeBitCast(unlock, to: Descriptor.self)
        slaveName = unsafeBitCast(name, to: Name.self)
    }
}
