#!/usr/bin/env python3
"""A tiny TextSynth-compatible server for the TUI benchmarks: streams a fixed completion as fast as it can
(or at --rate tokens per second), in TextSynth's wire format (JSON objects each followed by "\n\n", the last
one with reached_end true). It ignores the prompt, the engine and max_tokens. Not a model: a load generator.

    stream-server.py --port-file FILE [--tokens N | --text-bytes N] [--rate TOK_PER_S] [--marker TEXT]

Binds a free loopback port and writes it to FILE once listening. Answers:
  POST /v1/engines/<id>/completions   the stream (or one whole answer when "stream" is false)
  POST /v1/engines/<id>/tokenize      one token per whitespace-separated word
  GET  /v1/credits                    a fixed balance
  anything else                       404 {"error": ..., "status": 404}
"""
import argparse
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
         "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua"]


def token_texts(count, marker, text_bytes=0):
    """count tokens (or, with text_bytes, as many as make that much UTF-8 text) of plain words, a line break
    every 16 tokens, the last one the marker."""
    texts, size, i = [], 0, 0
    while (size < text_bytes - len(marker) - 1) if text_bytes else (i < count - 1):
        text = ("\n" if i % 16 == 15 else " ") + WORDS[i % len(WORDS)]
        texts.append(text)
        size += len(text.encode())
        i += 1
    texts.append(" " + marker)
    return texts


def answer_object(text, reached_end, output_tokens=None):
    answer = {"text": text, "reached_end": reached_end}
    if reached_end:
        answer.update(input_tokens=1, output_tokens=output_tokens, finish_reason="length")
    return (json.dumps(answer, separators=(",", ":")) + "\n\n").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    texts = []
    body = b""       # the whole stream, built once: sending it is one sendall
    rate = 0.0       # tokens per second; 0 = as fast as the socket takes them

    def log_message(self, *args):
        pass

    def send_json(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path.rstrip("/") == "/v1/credits":
            self.send_json(200, {"credits": 1_000_000_000_000})
        else:
            self.send_json(404, {"error": "not found", "status": 404})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            request = {}
        if self.path.endswith("/tokenize"):
            words = str(request.get("text", "")).split()
            self.send_json(200, {"tokens": list(range(len(words)))})
        elif self.path.endswith("/completions"):
            if request.get("stream"):
                self.stream()
            else:
                self.send_json(200, {"text": "".join(self.texts), "reached_end": True, "input_tokens": 1,
                                     "output_tokens": len(self.texts)})
        else:
            self.send_json(404, {"error": "not found", "status": 404})

    def stream(self):
        # No Content-Length: the body ends when the connection closes, as a streaming server's may.
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            if self.rate <= 0:
                self.wfile.write(self.body)
            else:
                self.paced()
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client cancelled

    def paced(self):
        """Sends whatever tokens are due every millisecond, so the rate holds however slow one write is."""
        start = time.monotonic()
        sent = 0
        total = len(self.texts)
        while sent < total:
            due = min(total, int((time.monotonic() - start) * self.rate) + 1)
            if due > sent:
                chunk = b"".join(answer_object(t, False) for t in self.texts[sent:due - 1 if due == total else due])
                if due == total:
                    chunk += answer_object(self.texts[-1], True, total)
                self.wfile.write(chunk)
                self.wfile.flush()
                sent = due
            time.sleep(0.001)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--tokens", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=0.0)
    parser.add_argument("--text-bytes", type=int, default=0, help="stream this much text instead of --tokens tokens")
    parser.add_argument("--marker", default="ZZ-END-OF-STREAM-ZZ")
    args = parser.parse_args()

    Handler.texts = token_texts(args.tokens, args.marker, args.text_bytes)
    Handler.rate = args.rate
    Handler.body = b"".join(answer_object(t, False) for t in Handler.texts[:-1]) \
        + answer_object(Handler.texts[-1], True, len(Handler.texts))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    # Renamed into place so a reader never sees a half-written port.
    os.replace(args.port_file + ".tmp", args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
