// LocalEngine: the inference core — GGUF reading, tokenizer, transformer, sampler. No networking (EngineServer
// serves it over HTTP); it must not import SynthKit, SynthUI or any curses or curl bridge.
