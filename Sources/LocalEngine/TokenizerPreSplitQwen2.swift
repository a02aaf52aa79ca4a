// Qwen2's pre-tokenizer pattern (GGUF `tokenizer.ggml.pre` = "qwen2"), written out as llama.cpp's
// unicode_regex_split_custom_qwen2 does:
//   (?i:'s|'t|'re|'ve|'m|'ll|'d) | [^\r\n\p{L}\p{N}]?\p{L}+ | \p{N} | ?[^\s\p{L}\p{N}]+[\r\n]* | \s*[\r\n]+ |
//   \s+(?!\S) | \s+
// Unlike GPT-2's: contractions in any case, any one non-letter (a space, a quote, a tab) joins the letters after it,
// every number character stands alone, and newlines stick to the punctuation or spaces before them.

extension TokenizerPreSplitter {
    func splitQwen2(_ scalars: ScalarRun, into pieces: inout [Range<Int>]) {
        let values = scalars.values, classes = scalars.classes, offsets = scalars.offsets
        let end = scalars.count
        var position = 0

        @inline(__always) func value(_ index: Int) -> UInt32 { index < end ? values[index] : UInt32.max }
        @inline(__always) func classAt(_ index: Int) -> ScalarClass? { index < end ? classes[index] : nil }
        @inline(__always) func lowercased(_ index: Int) -> UInt32 {
            let v = value(index)
            return v >= 0x41 && v <= 0x5A ? v + 0x20 : v  // only ASCII letters matter to the contractions
        }
        @inline(__always) func isNewline(_ v: UInt32) -> Bool { v == 0x0A || v == 0x0D }
        @inline(__always) func emit(until index: Int) {
            pieces.append(offsets[position]..<offsets[index])
            position = index
        }

        while position < end {
            let current = values[position], currentClass = classes[position]
            // (?i:'s|'t|'re|'ve|'m|'ll|'d)
            if current == UInt32(UInt8(ascii: "'")) {
                let next = lowercased(position + 1), afterNext = lowercased(position + 2)
                if next == 0x73 || next == 0x74 || next == 0x6D || next == 0x64 {  // s t m d
                    emit(until: position + 2); continue
                }
                if (next == 0x72 && afterNext == 0x65) || (next == 0x76 && afterNext == 0x65)
                    || (next == 0x6C && afterNext == 0x6C) {  // re ve ll
                    emit(until: position + 3); continue
                }
            }
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if !isNewline(current), currentClass != .number,
               currentClass == .letter || classAt(position + 1) == .letter {
                var index = position + 1
                while classAt(index) == .letter { index += 1 }
                emit(until: index); continue
            }
            // \p{N}
            if currentClass == .number {
                emit(until: position + 1); continue
            }
            // ' '?[^\s\p{L}\p{N}]+[\r\n]*
            let headIndex = current == UInt32(UInt8(ascii: " ")) ? position + 1 : position
            if classAt(headIndex) == .other {
                var index = headIndex + 1
                while classAt(index) == .other { index += 1 }
                while isNewline(value(index)) { index += 1 }
                emit(until: index); continue
            }
            // Whitespace: \s*[\r\n]+ takes the run up to its last newline; else \s+(?!\S) leaves the last space to
            // the following word; else \s+ takes it all.
            var run = 0, throughLastNewline = 0
            while classAt(position + run) == .whitespace {
                if isNewline(values[position + run]) { throughLastNewline = run + 1 }
                run += 1
            }
            if throughLastNewline > 0 {
                emit(until: position + throughLastNewline); continue
            }
            if run > 1 && position + run < end {
                emit(until: position + run - 1); continue
            }
            emit(until: position + max(run, 1))
        }
    }
}
