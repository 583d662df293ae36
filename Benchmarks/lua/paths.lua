-- wrk script: GET a random file of a list, whole or as a random 16 KiB window.
--   wrk ... -s paths.lua URL -- LIST [range]
-- LIST has one "PATH SIZE" per line. Every thread draws from the same seeded sequence, so two
-- servers benchmarked in turn get the same requests.
local paths, sizes, ranged = {}, {}, false
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
  -- `seed` is the global setup() gave this thread.
  math.randomseed(tonumber(seed) or 1)
end

function request()
  local i = math.random(#paths)
  if not ranged then
    return wrk.format("GET", paths[i])
  end
  local first = math.random(0, sizes[i] - window)
  return wrk.format("GET", paths[i], { ["Range"] = "bytes=" .. first .. "-" .. (first + window - 1) })
end
