import Foundation
import SynthKit
import XCTest

/// Every documented range, at and just past each boundary.
final class ValidationTests: XCTestCase {
    func assertValid(_ params: SamplingParameters, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNoThrow(try params.validate(), file: file, line: line)
    }

    func assertInvalid(_ params: SamplingParameters, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try params.validate(), file: file, line: line) { error in
            XCTAssertEqual("\(error)", message, file: file, line: line)
        }
    }

    func testSamplingBoundaries() {
        assertValid(.defaults)
        assertValid(SamplingParameters(maxTokens: 1))
        assertInvalid(SamplingParameters(maxTokens: 0), "max_tokens = 0 is out of range (allowed ≥ 1)")
        assertValid(SamplingParameters(temperature: 0))
        assertValid(SamplingParameters(temperature: 50))
        assertInvalid(SamplingParameters(temperature: -0.01), "temperature = -0.01 is out of range (allowed ≥ 0)")
        assertInvalid(SamplingParameters(temperature: .nan), "temperature = nan is out of range (allowed ≥ 0)")
        assertValid(SamplingParameters(topK: 1))
        assertValid(SamplingParameters(topK: 1000))
        assertInvalid(SamplingParameters(topK: 0), "top_k = 0 is out of range (allowed 1…1000)")
        assertInvalid(SamplingParameters(topK: 1001), "top_k = 1001 is out of range (allowed 1…1000)")
        assertValid(SamplingParameters(topP: 0))
        assertValid(SamplingParameters(topP: 1))
        assertInvalid(SamplingParameters(topP: 1.01), "top_p = 1.01 is out of range (allowed 0…1)")
        assertInvalid(SamplingParameters(topP: -0.1), "top_p = -0.1 is out of range (allowed 0…1)")
        assertValid(SamplingParameters(typicalP: 0))
        assertInvalid(SamplingParameters(typicalP: 1.5), "typical_p = 1.5 is out of range (allowed 0…1)")
        assertInvalid(SamplingParameters(typicalP: -0.01), "typical_p = -0.01 is out of range (allowed 0…1)")
        assertValid(SamplingParameters(typicalP: 1))
        assertInvalid(SamplingParameters(presencePenalty: -2.01), "presence_penalty = -2.01 is out of range (allowed -2…2)")
        assertInvalid(SamplingParameters(frequencyPenalty: 2.01), "frequency_penalty = 2.01 is out of range (allowed -2…2)")
        assertValid(SamplingParameters(frequencyPenalty: -2))
        assertInvalid(SamplingParameters(repetitionPenalty: -1), "repetition_penalty = -1 is out of range (allowed > 0)")
        assertValid(SamplingParameters(presencePenalty: -2))
        assertValid(SamplingParameters(presencePenalty: 2))
        assertInvalid(SamplingParameters(presencePenalty: 2.5), "presence_penalty = 2.5 is out of range (allowed -2…2)")
        assertInvalid(SamplingParameters(frequencyPenalty: -2.01), "frequency_penalty = -2.01 is out of range (allowed -2…2)")
        assertValid(SamplingParameters(frequencyPenalty: 2))
        assertValid(SamplingParameters(repetitionPenalty: 0.001))
        assertInvalid(SamplingParameters(repetitionPenalty: 0), "repetition_penalty = 0 is out of range (allowed > 0)")
        assertValid(SamplingParameters(n: 1))
        assertValid(SamplingParameters(n: 16))
        assertInvalid(SamplingParameters(n: 0), "n = 0 is out of range (allowed 1…16)")
        assertInvalid(SamplingParameters(n: 17), "n = 17 is out of range (allowed 1…16)")
        assertValid(SamplingParameters(seed: 0))
        assertInvalid(SamplingParameters(seed: -1), "seed = -1 is out of range (allowed ≥ 0)")
        assertValid(SamplingParameters(stop: ["a", "b", "c", "d", "e"]))
        assertInvalid(SamplingParameters(stop: ["a", "b", "c", "d", "e", "f"]),
                      "stop = 6 strings has too many entries (allowed at most 5)")
        assertInvalid(SamplingParameters(stop: ["a", ""]), "stop[1] = \"\" is empty (allowed a non-empty string)")
        assertValid(SamplingParameters(logitBias: [1: -100, 2: 100]))
        assertInvalid(SamplingParameters(logitBias: [5: 100.5]), "logit_bias[5] = 100.5 is out of range (allowed -100…100)")
        assertInvalid(SamplingParameters(logitBias: [5: -101]), "logit_bias[5] = -101 is out of range (allowed -100…100)")
    }

    func testOtherRequests() {
        XCTAssertNoThrow(try TranslateRequest(text: ["a"], targetLang: "fr").validate())
        XCTAssertNoThrow(try TranslateRequest(text: Array(repeating: "a", count: 64), sourceLang: "ast", targetLang: "fr", numBeams: 1).validate())
        XCTAssertThrowsError(try TranslateRequest(text: [], targetLang: "fr").validate())
        XCTAssertThrowsError(try TranslateRequest(text: Array(repeating: "a", count: 65), targetLang: "fr").validate()) {
            XCTAssertEqual("\($0)", "text = 65 texts is out of range (allowed 1…64)")
        }
        XCTAssertNoThrow(try TranslateRequest(text: ["a"], targetLang: "fr", numBeams: 5).validate())
        XCTAssertThrowsError(try TranslateRequest(text: ["a"], targetLang: "fr", numBeams: 0).validate())
        XCTAssertThrowsError(try TranslateRequest(text: ["a"], targetLang: "fr", numBeams: 6).validate()) {
            XCTAssertEqual("\($0)", "num_beams = 6 is out of range (allowed 1…5)")
        }
        XCTAssertThrowsError(try TranslateRequest(text: ["a"], targetLang: "auto").validate())
        XCTAssertThrowsError(try TranslateRequest(text: ["a"], sourceLang: "English", targetLang: "fr").validate())

        XCTAssertNoThrow(try LogprobRequest(context: "", continuation: "x").validate())
        XCTAssertThrowsError(try LogprobRequest(context: "c", continuation: "").validate()) {
            XCTAssertEqual("\($0)", "continuation = \"\" is empty (allowed a non-empty string)")
        }

        XCTAssertNoThrow(try ChatRequest(messages: ["hi"]).validate())
        XCTAssertNoThrow(try ChatRequest(messages: ["hi", "hello", "how?"]).validate())
        XCTAssertThrowsError(try ChatRequest(messages: []).validate())
        XCTAssertThrowsError(try ChatRequest(messages: ["hi", "hello"]).validate())
        XCTAssertThrowsError(try ChatRequest(messages: ["hi"], parameters: SamplingParameters(topK: 0)).validate())
        XCTAssertThrowsError(try CompletionRequest(prompt: "p", parameters: SamplingParameters(n: 99)).validate())
    }

    func testImageRequests() {
        XCTAssertNoThrow(try TextToImageRequest(prompt: "p").validate())
        XCTAssertNoThrow(try TextToImageRequest(prompt: "p", imageCount: 4, width: 768, height: 512).validate())
        XCTAssertNoThrow(try TextToImageRequest(prompt: "p", width: 384, height: 384).validate())
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", imageCount: 0).validate())
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", imageCount: 5).validate())
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", width: 500).validate()) {
            XCTAssertEqual("\($0)", "width = 500 is not a supported size (allowed 384, 512, 640, 768)")
        }
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", width: 768, height: 640).validate()) {
            XCTAssertEqual("\($0)", "width×height = 768×640 is too large (allowed at most 393216 pixels, e.g. 512×768)")
        }
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", timesteps: 0).validate())
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", guidanceScale: -1).validate())
        XCTAssertThrowsError(try TextToImageRequest(prompt: "p", strength: 1.5).validate())
    }

    func testBooste() {
        XCTAssertNoThrow(try BoosteParameters(length: 1, temperature: 0.1, windowMax: 1).validate())
        XCTAssertNoThrow(try BoosteParameters(length: 500, temperature: 1, windowMax: 1023).validate())
        XCTAssertThrowsError(try BoosteParameters(length: 0).validate())
        XCTAssertThrowsError(try BoosteParameters(temperature: 0.09).validate())
        XCTAssertThrowsError(try BoosteParameters(temperature: 1.01).validate())
        XCTAssertThrowsError(try BoosteParameters(windowMax: 0).validate())
        XCTAssertThrowsError(try BoosteParameters(windowMax: 1024).validate()) {
            XCTAssertEqual("\($0)", "windowMax = 1024 is out of range (allowed 1…1023)")
        }
    }

    func testSpecsAreTheSourceOfTruth() {
        XCTAssertEqual(ParameterSpec.all.map(\.wireName),
                       ["max_tokens", "temperature", "top_k", "top_p", "typical_p", "presence_penalty",
                        "frequency_penalty", "repetition_penalty", "n", "seed"])
        let defaults = SamplingParameters.defaults
        for spec in ParameterSpec.all {
            XCTAssertEqual(defaults.value(of: spec), spec.defaultValue, spec.wireName)
            XCTAssertTrue(spec.allows(spec.defaultValue), spec.wireName)
            XCTAssertTrue(spec.displayRange.contains(spec.defaultValue), spec.wireName)
            XCTAssertFalse(spec.summary.isEmpty)
            var params = defaults
            XCTAssertTrue(params.set(spec, to: spec.displayRange.upperBound))
            XCTAssertEqual(params.value(of: spec), spec.displayRange.upperBound)
        }
        XCTAssertEqual(ParameterSpec.topK.rangeDescription, "1…1000")
        XCTAssertEqual(ParameterSpec.temperature.rangeDescription, "≥ 0")
        XCTAssertEqual(ParameterSpec.repetitionPenalty.rangeDescription, "> 0")
        XCTAssertFalse(ParameterSpec.topK.allows(10.5))
        XCTAssertEqual(ParameterSpec.topK.clampedForDisplay(2000), 1000)
        XCTAssertEqual(ParameterSpec.named("top_p"), ParameterSpec.topP)
    }

    func testEngineCatalog() {
        XCTAssertEqual(EngineCatalog.contextLength(of: "gptj_6B"), 2048)
        XCTAssertEqual(EngineCatalog.contextLength(of: "gptneox_20B"), 1024)
        XCTAssertEqual(EngineCatalog.contextLength(of: "my_own_model"), 1024)
        XCTAssertEqual(EngineCatalog.engine(id: "m2m100_1_2B")?.capability, .translation)
        XCTAssertEqual(EngineCatalog.engine(id: "stable_diffusion")?.capability, .image)
        // The cloud's engines today; the reference's retired ones stay known for self-hosted servers.
        XCTAssertEqual(EngineCatalog.engines(with: .completion).map(\.id),
                       ["gptj_6B", "mistral_7B", "llama3_8B", "llama3.1_8B_instruct", "gemma3_27B_it",
                        "mixtral_47B_instruct", "llama3.3_70B_instruct"])
        XCTAssertEqual(EngineCatalog.engine(id: "gemma3_27B_it")?.contextLength, 131_072)
        XCTAssertEqual(EngineCatalog.engine(id: "gemma3_27B_it")?.isChat, true)
        XCTAssertEqual(EngineCatalog.defaultTranslationEngine, "madlad400_7B")
        XCTAssertFalse(EngineCatalog.current.contains { $0.id == "boris_6B" })
    }
}
