-- wrk script: GET a random file of a list, whole or as a random 16 KiB window.
--   wrk ... -s paths.lua URL -- LIST [range|whole] ["Header: value"]
-- LIST has one "PATH SIZE" per line. Every thread draws from the same seeded sequence, so two
-- servers benchmarked in turn get the same requests.
local paths, sizes, ranged = {}, {}, false
local headers = {}
local window = 16 * 1024
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  for line in io.lines(args[1]) do
    local path, size = line:match("^(%S+)%s+(%d+)$")
    if path then
      paths[#paths + 1] = path
      sizes[#sizes + 1] = tonumber(size)
    end
  end
  ranged = args[2] == "range"
  -- Credentials (a bearer token, a session cookie) sent with every request.
  if args[3] then
    local name, value = args[3]:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  -- `seed` is the global setup() gave this thread.
  math.randomseed(tonumber(seed) or 1)
end

function request()
  local i = math.random(#paths)
  local all = {}
  for name, value in pairs(headers) do all[name] = value end
  if not ranged then
    return wrk.format("GET", paths[i], all)
  end
  local first = math.random(0, sizes[i] - window)
  all["Range"] = "bytes=" .. first .. "-" .. (first + window - 1)
  return wrk.format("GET", paths[i], all)
end
