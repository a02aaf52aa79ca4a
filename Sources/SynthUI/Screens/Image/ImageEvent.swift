// What can happen to the image screen, and what it asks the runtime to do.
import SynthKit

/// Whether the backend can make images: which engine does, or why none can (said plainly on the screen).
public enum ImageAvailability: Sendable, Equatable {
    case available(engine: String)
    case unavailable(String)
}

public enum ImageEvent: Sendable, Equatable {
    case key(KeyPress)
    case paste(String)
    case resize(Rect)
    /// The backend can (or cannot) make images: from the configuration, or a server's engine list.
    case setAvailability(ImageAvailability)
    /// Where images are saved (the config's `image_directory`, else the current directory).
    case setDirectory(String)
    case run
    case cancel

    // Answers.
    case saved(requestID: Int, paths: [String])
    case failed(requestID: Int, message: String, status: Int?)
    case retrying(requestID: Int, note: String)
    /// What a finished request cost, measured from the balance (negative = spent).
    case creditsMeasured(requestID: Int, change: Double)
}

public enum ImageEffect: Sendable, Equatable {
    /// Send text_to_image to `engine` (with the JPEG at `startImage` for image-to-image) and save the answer's
    /// images in `directory`; answer with `.saved` or `.failed` carrying the id.
    case generate(requestID: Int, engine: String, request: TextToImageRequest, startImage: String?, directory: String)
    case cancelRequest(id: Int)
    case refreshCredits
}
