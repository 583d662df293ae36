-- wrk script: GET the URLs of a list in turn (one per line), with an optional bearer token.
--   wrk ... -s urls.lua URL -- LIST [TOKEN]
local urls, headers = {}, {}
local next_index = 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then urls[#urls + 1] = line end
  end
  if args[2] then headers["Authorization"] = "Bearer " .. args[2] end
  -- `offset` is the global setup() gave this thread.
  next_index = (tonumber(offset) or 0) % #urls + 1
end

function request()
  local url = urls[next_index]
  next_index = next_index % #urls + 1
  return wrk.format("GET", url, headers)
end
