// The models one server runs side by side: each under its engine ids, with its own scheduler and KV caches, so a
// long job on one model never waits for another's slots. Routes look theirs up by the id the client names.

import Foundation
import LocalEngine

/// A loaded model and the engine id it is to be served as.
public struct ServedModel: Sendable {
    public let model: LocalModel
    public let engineID: String

    /// `engineID` nil: the id the file names itself by (`LocalModel.defaultEngineID`).
    public init(_ model: LocalModel, engineID: String? = nil) {
        self.model = model
        self.engineID = engineID ?? model.defaultEngineID
    }
}

/// A model being served: its ids and the generator that runs its jobs.
struct ServedEngine: Sendable {
    let id: String
    let aliases: [String]
    let generator: LocalGenerator

    var ids: [String] { [id] + aliases }
    var description: ServedModelDescription {
        ServedModelDescription(id: id, aliases: aliases, fileName: generator.localModel.fileName,
                               contextLength: generator.contextLength)
    }

    /// Refuses a server where two engines would answer to the same id (the same file given twice without ids, an
    /// alias or an id taken by the translator): a request could not say which it means.
    static func checkDistinct(_ models: [ServedModel], aliases: [String], reserved: [String]) throws {
        var owner: [String: String] = [:]
        for id in reserved { owner[id] = "the translator" }
        let claims = models.enumerated().flatMap { index, served in
            ([served.engineID] + (index == 0 ? aliases : [])).map { ($0, served.model.fileName) }
        }
        for (id, fileName) in claims {
            if let earlier = owner[id] {
                throw EngineServerError.duplicateEngineID(id, first: earlier, second: fileName)
            }
            owner[id] = fileName
        }
    }
}
