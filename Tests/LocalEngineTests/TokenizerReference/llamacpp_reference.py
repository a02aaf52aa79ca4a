#!/usr/bin/env python3
"""Writes a llama.cpp reference for a GGUF file: token ids of a few texts, and for a few prompts the greedy
completion (text and token ids) and the first token's top-5 log-probabilities, and the model file's sha256, as
committed in gemma3-llamacpp.json and tiny-qwen2-llamacpp.json (the tiny model is Reference/make_tiny_qwen2.py's).

    llamacpp_reference.py LLAMA_SERVER MODEL.gguf OUT.json "SOURCE NOTE" [LLAMA_SERVER_OPTION ...]

LLAMA_SERVER is llama.cpp's llama-server (the pinned llama-cpp-python 0.3.36 sdist's vendor/llama.cpp, built as
benchmarks/llama-cpp.sh does with the server target). Greedy = top_k 1, temperature 0, 2 threads; prompts get the
file's BOS as llama.cpp adds it; tokenize is with add_special false. Options after the note go to llama-server (the
tiny qwen2 reference: `-fa off -ctk f32 -ctv f32`, llama.cpp's float attention, so float paths can be compared closely).
"""
import hashlib, json, subprocess, sys, time, urllib.request

TEXTS = ["Hello world", "The quick brown fox jumps over the lazy dog.", " Paris", "東京タワー and 🙂 emoji",
         "naïve café — déjà vu", "    indented\tcode(x) {return 42;}", "1234567890 3.14159", "Ünïcödé ẞ ﬁ", "",
         "a\n\nb\r\nc", "don't won't it's", "https://example.com/a?b=c&d=e", "  two  spaces", "\x01\x7f control bytes",
         "<start_of_turn>user\nHi<end_of_turn>", "<|im_start|>user\nHi<|im_end|>", "I'M HERE, YOU'RE 'quoted'",
         "x=1;\n\ny = 22\r\n", "line one.\n\n\nline two!!\n  ", "\tTab\t(tab) 'tis", "12,345.67 and ½"]
PROMPTS = ["The capital of France is", "Once upon a time", "def fibonacci(n):", "The best thing about mornings is",
           "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n"]


def main():
    server_bin, model, out, source = sys.argv[1:5]
    port = 18391
    server = subprocess.Popen([server_bin, "-m", model, "--port", str(port), "-t", "2", "-c", "512", "-np", "1"]
                              + sys.argv[5:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def post(path, body):
        request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as reply:
            return json.load(reply)

    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(base + "/health") as reply:
                    if reply.status == 200:
                        break
            except Exception:
                time.sleep(0.5)
        tokenize = [{"text": text,
                     "tokens": post("/tokenize", {"content": text, "add_special": False})["tokens"],
                     "tokens_parsing_special": post("/tokenize", {"content": text, "add_special": False,
                                                                  "parse_special": True})["tokens"]}
                    for text in TEXTS]
        greedy = []
        for prompt in PROMPTS:
            answer = post("/completion", {"prompt": prompt, "n_predict": 16, "temperature": 0, "top_k": 1,
                                          "n_probs": 5, "cache_prompt": False, "return_tokens": True})
            first = answer["completion_probabilities"][0]["top_logprobs"]
            greedy.append({"prompt": prompt, "completion": answer["content"], "completion_tokens": answer["tokens"],
                           "first_token_top5": [{"token": c["token"], "id": c["id"], "logprob": c["logprob"]}
                                                for c in first]})
    finally:
        server.terminate()
        server.wait()
    def lines(entries):  # one entry per line, as the SmolLM2 reference is laid out
        return ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in entries)
    with open(model, "rb") as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()
    with open(out, "w") as f:
        f.write('{\n "source": ' + json.dumps(source, ensure_ascii=False) + ',\n "model_sha256": "' + sha256 + '"'
                + ',\n "tokenize": [\n' + lines(tokenize)
                + '\n ],\n "greedy": [\n' + lines(greedy) + '\n ]\n}\n')


if __name__ == "__main__":
    main()
