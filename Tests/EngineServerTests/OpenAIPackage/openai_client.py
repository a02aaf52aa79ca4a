"""The official `openai` package (PyPI) against `synthpad serve`: completions and chat, streamed and not, with logprobs.

Usage: python3 openai_client.py BASE_URL MODEL API_KEY. Prints one JSON line of what it saw; exits non-zero on any
surprise. Run by OpenAIPackageTests.
"""
import json
import sys

import openai

base, model, key = sys.argv[1], sys.argv[2], sys.argv[3]
client = openai.OpenAI(base_url=base + "/v1", api_key=key, max_retries=0)
seen = {"version": openai.__version__, "models": [m.id for m in client.models.list()]}

whole = client.completions.create(model=model, prompt="The capital of France is", max_tokens=4, temperature=0)
seen["completion"] = {"text": whole.choices[0].text, "finish": whole.choices[0].finish_reason,
                      "usage": [whole.usage.prompt_tokens, whole.usage.completion_tokens]}

streamed = client.completions.create(model=model, prompt="The capital of France is", max_tokens=4, temperature=0,
                                     stream=True)
seen["completion_stream"] = "".join(chunk.choices[0].text for chunk in streamed if chunk.choices)

chat = client.chat.completions.create(model=model, messages=[{"role": "system", "content": "Be brief."},
                                                              {"role": "user", "content": "Say hello."}],
                                      max_tokens=8, temperature=0, seed=1)
seen["chat"] = {"role": chat.choices[0].message.role, "text": chat.choices[0].message.content,
                "usage": chat.usage.completion_tokens}

pieces, usage = [], None
for chunk in client.chat.completions.create(model=model, messages=[{"role": "user", "content": "Say hello."}],
                                            max_tokens=8, temperature=0, seed=1, stream=True,
                                            stream_options={"include_usage": True}):
    if chunk.choices:
        pieces.append(chunk.choices[0].delta.content or "")
    if chunk.usage:
        usage = chunk.usage.completion_tokens
seen["chat_stream"] = {"text": "".join(pieces), "usage": usage}

scored = client.completions.create(model=model, prompt="The capital of France is", max_tokens=4, temperature=0,
                                   logprobs=3)
lp = scored.choices[0].logprobs
seen["completion_logprobs"] = {"tokens": lp.tokens, "token_logprobs": lp.token_logprobs,
                               "top_logprobs": lp.top_logprobs, "text_offset": lp.text_offset,
                               "text": scored.choices[0].text}

rated = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "Say hello."}],
                                       max_tokens=6, seed=1, logprobs=True, top_logprobs=2)
seen["chat_logprobs"] = [{"token": t.token, "logprob": t.logprob, "bytes": t.bytes,
                          "top": [[a.token, a.logprob] for a in t.top_logprobs]}
                         for t in rated.choices[0].logprobs.content]
seen["chat_logprobs_text"] = rated.choices[0].message.content

streamed_tokens = []
for chunk in client.chat.completions.create(model=model, messages=[{"role": "user", "content": "Say hello."}],
                                            max_tokens=6, seed=1, logprobs=True, top_logprobs=2, stream=True):
    if chunk.choices and chunk.choices[0].logprobs and chunk.choices[0].logprobs.content:
        streamed_tokens += [t.token for t in chunk.choices[0].logprobs.content]
seen["chat_logprobs_stream"] = streamed_tokens

try:
    client.completions.create(model="no-such-model", prompt="x")
    seen["unknown_model"] = "answered"
except openai.NotFoundError as error:
    seen["unknown_model"] = error.status_code
try:
    client.chat.completions.create(model=model, messages=[{"role": "user", "content": "x"}], top_p=3)
    seen["bad_parameter"] = "answered"
except openai.BadRequestError as error:
    seen["bad_parameter"] = error.body["message"] if isinstance(error.body, dict) else str(error.body)

print(json.dumps(seen))
