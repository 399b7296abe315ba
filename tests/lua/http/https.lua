-- HTTPS with verification on by default, against a local TLS server whose
-- self-signed certificate this test makes with openssl: refused with a
-- clear certificate error, accepted with cafile = the certificate, and
-- accepted unverified with verify = false.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has
local http = asyncio.http

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. dir))
local cert, key = dir .. "/cert.pem", dir .. "/key.pem"
local made = os.execute(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost " ..
  "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout %s -out %s 2>/dev/null"):format(key, cert))
assert(made, "openssl could not make a certificate")
local server = require("lib.http_server").start({ tls = { cert, key } })
check("an https URL", server.base:find("^https://127%.0%.0%.1:%d+$"), server.base)

local ok, e = pcall(await, http.get(server.base .. "/hello"))
check("refused without the certificate", not ok and http.SSLCertVerificationError:is(e) and asyncio.OSError:is(e), e)
has("its text", tostring(e), "SSLCertVerificationError: certificate verify failed: SSL certificate problem: " ..
  "self-signed certificate (127.0.0.1:" .. server.port .. ")")

local r = await(http.get(server.base .. "/hello", { cafile = cert }))
eq("accepted with cafile", r.status .. " " .. await(r:text()), "200 hello world")

r = await(http.get(server.base .. "/hello", { verify = false }))
eq("accepted unverified", r.status, 200)
await(r:text())

do
  local s <close> = http.Session { base_url = server.base, cafile = cert }
  eq("a Session's cafile", await((await(s:get("/hello"))):text()), "hello world")
end

server.stop()
os.remove(cert)
os.remove(key)
os.remove(dir)
cli.finish()
