-- wrk script: a mix of the API's endpoints, every request valid (so any non-2xx response is a failure).
local requests = {}
-- wrk.format sends only the headers it is given, and HTTP/1.1 requires Host (RFC 9112 §3.2; the server answers 400).
local plain = { ["Host"] = "127.0.0.1" }
local json = { ["Host"] = "127.0.0.1", ["Content-Type"] = "application/json" }

local function add(method, path, body)
  table.insert(requests, wrk.format(method, path, body and json or plain, body))
end

add("GET", "/v1/jid/parse?jid=Juliet%40Example.COM%2FBalcony")
add("GET", "/v1/jid/parse?jid=henri%E2%85%A3%40example.com")
add("POST", "/v1/jid/parse", '{"jid":"juliet@example.com/balcony"}')
add("POST", "/v1/jid/parse", '{"jid":"σωκράτης@ουτοπία.gr/Ψ"}')
add("POST", "/v1/jid/compare", '{"a":"Juliet@example.com","b":"juliet@EXAMPLE.com"}')
add("POST", "/v1/jid/escape", '{"localpart":"d\'artagnan"}')
add("POST", "/v1/jid/uri", '{"jid":"juliet@example.com/balcony"}')
add("POST", "/v1/migration/check", '{"jid":"Fußball@example.com"}')
add("POST", "/v1/confusables/score", '{"jid":"аpple@example.com"}')
add("POST", "/v1/confusables/check", '{"jid":"paypa1@example.com"}')
add("POST", "/v1/confusables/compare", '{"a":"paypa1@example.com","b":"paypal@example.com"}')
add("GET", "/healthz")

local counter = 0
request = function()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

-- Count server errors apart from other non-2xx answers.
local server_errors = 0
response = function(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end

local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args) server_errors = 0 end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("server_errors") or 0) end
  io.write(string.format("5xx responses: %d\n", total))
end
