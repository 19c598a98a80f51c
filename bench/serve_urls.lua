-- wrk script for bench/serve.sh: requests the paths listed in a file (one
-- per line). Thread k of N sends lines k, k+N, k+2N, ... With "once" a
-- thread stops at the end of the list, so N paths make N requests in all;
-- with "loop" it starts over.
--   wrk ... -s serve_urls.lua URL -- LIST once|loop THREADS
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  once = args[2] == "once"
  step = tonumber(args[3] or "1")
  index = id
end

function request()
  if index > #paths then
    if once then wrk.thread:stop() end
    index = ((index - 1) % #paths) + 1
  end
  local p = paths[index]
  index = index + step
  return wrk.format("GET", p)
end
