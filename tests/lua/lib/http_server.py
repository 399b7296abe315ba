# The local HTTP server of the asyncio.http tests: CPython's http.server,
# HTTP/1.1 with keep-alive, on 127.0.0.1 at a port the system picks.
#   python3 http_server.py [--tls CERT KEY]  (started by lib/http_server.lua)
# Prints "PORT <n>" on its first line, then serves until its stdin closes
# (so it never outlives the test that started it).
import http.server
import json
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
import urllib.parse

connections = set()
lock = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, ctype="text/plain", extra=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reset(self):
        # Closes the connection with a reset (RST), not a FIN: SO_LINGER 0.
        # The socket really closes once its reader (a makefile) is closed too.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.rfile.close()
        self.close_connection = True

    def handle_any(self):
        with lock:
            connections.add(self.client_address[1])
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if getattr(self, "reset_next", False) or parts[0] == "reset":
            # /reset: this request is answered with a reset; /reset-next: the
            # connection's next request is (it stays open, kept alive).
            self.reset()
        elif parts[0] == "reset-next":
            self.reset_next = True
            self.send_body(200, "answered, and the next request resets")
        elif parts[0] == "offsite":
            # A redirect to where nothing listens: ?to=URL
            self.send_response(302)
            self.send_header("Location", q["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif parts[0] == "redirect-body":
            # /redirect-body/N: a 302 with a page as its body (as most
            # servers send), its head first and its body a moment later,
            # to /redirect-body/N-1, then /redirect/0
            n = int(parts[1])
            page = b"<html>moved</html>" * 100
            self.send_response(302)
            self.send_header("Location", f"/redirect-body/{n - 1}" if n > 1 else "/redirect/0")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.flush()
            time.sleep(0.05)
            self.wfile.write(page)
        elif parts[0] == "redirect-as":
            # /redirect-as/CODE: a redirect with that status to /echo
            self.send_response(int(parts[1]))
            self.send_header("Location", "/echo")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif parts[0] == "hello":
            self.send_body(200, "hello world")
        elif parts[0] == "status":
            code = int(parts[1])
            self.send_body(code, f"status {code}")
        elif parts[0] == "redirect":
            n = int(parts[1])
            if n == 0:
                self.send_body(200, "redirected")
            else:
                self.send_response(302)
                self.send_header("Location", f"/redirect/{n - 1}")
                self.send_header("Content-Length", "0")
                self.end_headers()
        elif parts[0] == "echo":
            out = {
                "method": self.command,
                "path": url.path,
                "query": url.query,
                "body": body.decode("latin-1"),
                "headers": {k.lower(): v for k, v in self.headers.items()},
            }
            self.send_body(200, json.dumps(out, sort_keys=True), "application/json")
        elif parts[0] == "json":
            self.send_body(200, json.dumps({"a": 1, "list": [1, 2, 3], "nested": {"x": "y"}}), "application/json")
        elif parts[0] == "notjson":
            self.send_body(200, "{not json", "application/json")
        elif parts[0] == "cookies":
            self.send_body(200, "", extra=[("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X-Custom", "yes")])
        elif parts[0] == "big":
            mb = int(q.get("mb", ["1"])[0])
            chunk = b"x" * 65536
            self.send_response(200)
            self.send_header("Content-Length", str(mb * 1024 * 1024))
            self.end_headers()
            for _ in range(mb * 16):
                self.wfile.write(chunk)
        elif parts[0] == "slow":
            time.sleep(float(q.get("delay", ["2"])[0]))
            self.send_body(200, "slow")
        elif parts[0] == "slowbody":
            self.send_response(200)
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.write(b"12345")
            self.wfile.flush()
            time.sleep(float(q.get("delay", ["2"])[0]))
            self.wfile.write(b"67890")
        elif parts[0] == "stall":
            # /stall?mb=N&delay=D: a body of 2N MiB announced, N MiB sent at
            # once, the rest after D seconds
            mb = int(q.get("mb", ["1"])[0])
            chunk = b"s" * 65536
            self.send_response(200)
            self.send_header("Content-Length", str(2 * mb * 1024 * 1024))
            self.end_headers()
            for _ in range(mb * 16):
                self.wfile.write(chunk)
            self.wfile.flush()
            time.sleep(float(q.get("delay", ["2"])[0]))
            for _ in range(mb * 16):
                self.wfile.write(chunk)
        elif parts[0] == "chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (b"first;", b"second;", b"third"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
                time.sleep(0.05)
            self.wfile.write(b"0\r\n\r\n")
        elif parts[0] == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"y" * 500)
            self.wfile.flush()
            self.close_connection = True
        elif parts[0] == "garbage":
            self.wfile.write(b"NOT HTTP AT ALL\r\n")
            self.close_connection = True
        elif parts[0] == "close":
            self.close_connection = True
        elif parts[0] == "connections":
            with lock:
                n = len(connections)
                connections.clear()
            self.send_body(200, str(n))
        else:
            self.send_body(404, "not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass  # a client that went away mid-response is what some tests do


server = Server(("127.0.0.1", 0), Handler)
if len(sys.argv) == 4 and sys.argv[1] == "--tls":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print("PORT", server.server_address[1], flush=True)
sys.stdin.read()
