/*
 * The Lua scripts of the service line: each is one atomic Redis round trip over one
 * service's keys. The keys of service S, under the queue prefix P:
 *
 *   P:cap:S:leases       ZSET job -> expiry (ms): the calls holding a slot
 *   P:cap:S:ring         LIST of owners with steps waiting, in round-robin order
 *   P:cap:S:line:<owner> ZSET job -> priority * 1e13 + arrival number: one owner's line
 *   P:cap:S:waiters      HASH job -> "<owner>|<ms it joined the line>"
 *   P:cap:S:parked       SET of waiting jobs whose run has ended: a hand-off enqueues them
 *   P:cap:S:handed       HASH job -> "<ms it joined the line>|<ms of the last enqueue>", for a
 *                        lease handed but not taken up yet
 *   P:cap:S:state        HASH limit, probes, lost, paused_until, last_cut, avg_ms, base_ms
 *   P:cap:S:seq          arrival counter
 *   P:cap:ready          set once the leases and lines match PostgreSQL (gone after a flush)
 *
 * An owner is in the ring exactly while its line has a step in it. A lease expires unless
 * its holder renews it: a dead worker's calls stop counting within LEASE_TTL_MS.
 */

/** KEYS of every script, in this order. */
export const CAPACITY_KEYS = [
  'leases',
  'ring',
  'waiters',
  'parked',
  'handed',
  'state',
  'seq',
] as const;

/**
 * Shared functions. A line's arguments are its line-key prefix (P:cap:S:line:), the
 * configured ceiling (0: none), the mode ('fixed' or 'adaptive') and the pick-up time of
 * a handed lease. Every script starts on the line of KEYS[1..7] and ARGV[1..4], with the
 * ready key at KEYS[8]; its own arguments follow from ARGV[5].
 */
const PRELUDE = `
local readyKey = KEYS[8]
local leases, ring, waiters, parked, handed, state, seq
local linePrefix, ceiling, mode, pickupMs
local fields
-- Points the functions below at one line: its keys from KEYS[k + 1], its arguments from ARGV[a + 1].
local function use(k, a)
  leases, ring, waiters, parked, handed, state, seq = KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], KEYS[k + 4], KEYS[k + 5], KEYS[k + 6], KEYS[k + 7]
  linePrefix, ceiling, mode, pickupMs = ARGV[a + 1], tonumber(ARGV[a + 2]), ARGV[a + 3], tonumber(ARGV[a + 4])
  fields = nil
end
use(0, 0)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- The line's state, read in one HMGET the first time a script needs it.
local STATE_FIELDS = {'limit', 'probes', 'lost', 'paused_until', 'last_cut', 'avg_ms', 'base_ms'}
local function stateOf()
  if not fields then
    fields = {}
    local values = redis.call('HMGET', state, unpack(STATE_FIELDS))
    for i, field in ipairs(STATE_FIELDS) do
      if values[i] then fields[field] = tonumber(values[i]) end
    end
  end
  return fields
end

local function num(field, default)
  local v = stateOf()[field]
  if v == nil then return default end
  return v
end

-- Writes state fields ({field = value}) in one HSET.
local function put(changes)
  local flat = {}
  for field, value in pairs(changes) do
    table.insert(flat, field)
    table.insert(flat, value)
    stateOf()[field] = value
  end
  if #flat > 0 then redis.call('HSET', state, unpack(flat)) end
end

local function limit()
  local l = num('limit', nil)
  if not l then
    if mode == 'fixed' then l = ceiling else l = 1 end
    put({limit = l})
  end
  if ceiling > 0 and l > ceiling then l = ceiling end
  return math.max(1, math.floor(l))
end

local function expire()
  redis.call('ZREMRANGEBYSCORE', leases, '-inf', now)
end

-- Hands free slots to the heads of the line, one owner per turn; returns the parked jobs
-- among them (their runs have ended: the caller enqueues them).
local function handoff()
  local out = {}
  if redis.call('LLEN', ring) == 0 or num('paused_until', 0) > now then return out end
  local lim = limit()
  while redis.call('ZCARD', leases) < lim do
    local owner = redis.call('LPOP', ring)
    if not owner then break end
    local line = linePrefix .. owner
    local head = redis.call('ZPOPMIN', line)
    if redis.call('ZCARD', line) > 0 then redis.call('RPUSH', ring, owner) end
    local job = head[1]
    if job then
      local w = redis.call('HGET', waiters, job) or ''
      local joined = string.match(w, '|(%d+)$') or tostring(now)
      redis.call('HDEL', waiters, job)
      redis.call('ZADD', leases, now + pickupMs, job)
      redis.call('HSET', handed, job, joined .. '|' .. now)
      if redis.call('SREM', parked, job) == 1 then table.insert(out, job) end
    end
  end
  return out
end

-- Takes a job out of the line, wherever it is in it.
local function unline(job)
  local w = redis.call('HGET', waiters, job)
  if not w then return end
  local owner = string.match(w, '^(.*)|%d+$')
  local line = linePrefix .. owner
  redis.call('ZREM', line, job)
  if redis.call('ZCARD', line) == 0 then redis.call('LREM', ring, 0, owner) end
  redis.call('HDEL', waiters, job)
  redis.call('SREM', parked, job)
end

-- Puts a job at its place in its owner's line.
local function enline(job, owner, priority, joined, isParked)
  local line = linePrefix .. owner
  local n = redis.call('INCR', seq)
  if redis.call('ZCARD', line) == 0 then redis.call('RPUSH', ring, owner) end
  redis.call('ZADD', line, tonumber(priority) * 1e13 + n, job)
  redis.call('HSET', waiters, job, owner .. '|' .. joined)
  if isParked then redis.call('SADD', parked, job) end
end

-- Where a waiting job is: {position, limit, avg_ms}, or false. Position 1 is next: the
-- owners take turns, so every other owner's line counts up to the job's rank in its own
-- line (one more for owners whose turn comes before its owner's).
local function standingOf(job)
  local w = redis.call('HGET', waiters, job)
  if not w then return false end
  local owner = string.match(w, '^(.*)|%d+$')
  local rank = redis.call('ZRANK', linePrefix .. owner, job)
  if not rank then return false end
  local owners = redis.call('LRANGE', ring, 0, -1)
  local mine = 0
  for i, o in ipairs(owners) do if o == owner then mine = i end end
  local position = rank + 1
  for i, o in ipairs(owners) do
    if o ~= owner then
      local n = redis.call('ZCARD', linePrefix .. o)
      local ahead = rank
      if i < mine then ahead = rank + 1 end
      position = position + math.min(n, ahead)
    end
  end
  return {position, limit(), num('avg_ms', 0)}
end

-- A lease this job holds: renewed and taken up. Returns the ms it waited (at least 1 for a
-- slot handed to it in line, 0 for its own lease), or false.
local function takeUp(job, leaseMs)
  if not redis.call('ZSCORE', leases, job) then return false end
  redis.call('ZADD', leases, now + leaseMs, job)
  local entry = redis.call('HGET', handed, job)
  redis.call('HDEL', handed, job)
  if entry then return math.max(1, now - tonumber(string.match(entry, '^(%d+)'))) end
  return 0
end
`;

/**
 * acquire(job, owner, priority, leaseMs): a slot for the job's call, or its place in line.
 * Returns {'granted', waitedMs, ...handed} | {'queued', position, limit, avgMs, ...handed}:
 * `handed` are parked jobs a slot went to meanwhile.
 */
const ACQUIRE_FN = `
local function acquire(job, owner, priority, leaseMs)
  expire()
  local waited = takeUp(job, leaseMs)
  if waited then return {'granted', tostring(waited)} end
  local function queued(out)
    local where = standingOf(job)
    for i = 3, 1, -1 do table.insert(out, 1, where[i]) end
    table.insert(out, 1, 'queued')
    return out
  end
  if redis.call('LLEN', ring) == 0 then
    -- Nobody waits (an owner is in the ring while its line has a step): a free slot is
    -- the job's without joining the line.
    if num('paused_until', 0) <= now and redis.call('ZCARD', leases) < limit() then
      redis.call('ZADD', leases, now + leaseMs, job)
      return {'granted', '0'}
    end
  elseif redis.call('HEXISTS', waiters, job) == 1 then
    -- A run of a job already in line (enqueued again by the reconciler): it parks again.
    redis.call('SREM', parked, job)
    return queued({})
  end
  enline(job, owner, priority, tostring(now), false)
  local out = handoff()
  waited = takeUp(job, leaseMs)
  if not waited then return queued(out) end
  table.insert(out, 1, tostring(waited))
  table.insert(out, 1, 'granted')
  return out
end
`;

/** acquire(job, owner, priority, leaseMs), or {'rebuild'} while the lines are unbuilt. */
export const ACQUIRE = `${PRELUDE}${ACQUIRE_FN}
if redis.call('EXISTS', readyKey) == 0 then return {'rebuild'} end
return acquire(ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8]))
`;

/**
 * tryAcquire(job, leaseMs): a free slot nobody waits for, asked for before the run knows
 * the job's owner and priority (while the job is claimed), so it never joins the line.
 * Returns 'granted', 'full', 'held' (the job has a lease or a place already: left to
 * acquire, which takes it up), or 'rebuild'.
 */
export const TRY_ACQUIRE = `${PRELUDE}
if redis.call('EXISTS', readyKey) == 0 then return 'rebuild' end
local job, leaseMs = ARGV[5], tonumber(ARGV[6])
expire()
if redis.call('ZSCORE', leases, job) or redis.call('HEXISTS', waiters, job) == 1 then return 'held' end
if redis.call('LLEN', ring) == 0 and num('paused_until', 0) <= now and redis.call('ZCARD', leases) < limit() then
  redis.call('ZADD', leases, now + leaseMs, job)
  return 'granted'
end
return 'full'
`;

/**
 * park(job, leaseMs): the run of a waiting job ends; a hand-off from now on enqueues it.
 * Returns 'granted' when a slot was handed to it meanwhile (the run goes on), 'parked', or
 * 'lost' (the line no longer has it: the job runs again and asks anew), or 'rebuild'.
 */
export const PARK = `${PRELUDE}
if redis.call('EXISTS', readyKey) == 0 then return 'rebuild' end
local job, leaseMs = ARGV[5], tonumber(ARGV[6])
if takeUp(job, leaseMs) then return 'granted' end
if redis.call('HEXISTS', waiters, job) == 1 then
  redis.call('SADD', parked, job)
  return 'parked'
end
return 'lost'
`;

/**
 * release(job, outcome, latencyMs, retryAfterMs, probeRounds, latencyFactor, minRiseMs): the
 * call ended ('ok', 'rejected' by 429/503, or 'other'). Adapts the limit, then hands the
 * slot on. Returns {other calls in flight when it ended, ...parked jobs handed a slot}.
 */
const RELEASE_FN = `
local function release(job, outcome, latency, retryAfter, probeRounds, latencyFactor, minLatencyRise)
  local held = redis.call('ZREM', leases, job)
  redis.call('HDEL', handed, job)
  expire()
  local inflight = redis.call('ZCARD', leases) + held
  local lim = limit()
  local avg = num('avg_ms', latency)
  local changes = {}
  local function cut(refused)
    -- A refusal with n calls in flight says the service holds fewer than n: the limit goes
    -- below n at once. Otherwise one step down per typical call time, since the answers of
    -- calls sent together are one signal.
    local newLimit = lim
    if refused and inflight - 1 < lim then newLimit = inflight - 1 end
    if newLimit == lim and now - num('last_cut', 0) >= avg then newLimit = lim - 1 end
    if newLimit == lim then return end
    changes.limit, changes.probes, changes.lost, changes.last_cut = math.max(1, newLimit), 0, 1, now
  end
  if outcome == 'ok' then
    avg = avg * 0.8 + latency * 0.2
    changes.avg_ms = math.floor(avg)
    -- The baseline drifts up slowly, so a service that got slower for good is re-learnt.
    local base = math.min(num('base_ms', latency) * 1.01 + 1, latency)
    changes.base_ms = math.floor(base)
    if mode == 'adaptive' or lim < ceiling then
      -- Congestion by latency: the recent average well above the baseline, by a margin that
      -- the noise of a fast service does not reach.
      if avg > base * latencyFactor and avg - base > minLatencyRise and inflight > 1 then
        cut(false)
      elseif inflight >= lim then
        -- Until a first refusal every success at the full limit adds one (a doubling per
        -- round, as TCP's slow start); after it, one per probeRounds rounds.
        local probes = num('probes', 0) + 1
        local need = 1
        if num('lost', 0) == 1 then need = lim * probeRounds end
        if probes >= need and (ceiling == 0 or lim < ceiling) then
          changes.limit, changes.probes = lim + 1, 0
        else
          changes.probes = probes
        end
      end
    end
  elseif outcome == 'rejected' then
    cut(true)
  end
  if retryAfter > 0 then
    changes.paused_until = math.max(num('paused_until', 0), now + retryAfter)
  end
  put(changes)
  local out = handoff()
  table.insert(out, 1, inflight - 1)
  return out
end
`;

/** release(...) as one script. */
export const RELEASE = `${PRELUDE}${RELEASE_FN}
return release(ARGV[5], ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11]))
`;

/**
 * One step's call succeeded and the job's next step calls another service: the slot of
 * the first line given back and one of the second asked for, in one round trip. KEYS
 * [9..15] and ARGV[10..13] are the second line's. Arguments: job, latencyMs, probeRounds,
 * latencyFactor, minRiseMs (the release), then the second line's, then owner, priority,
 * leaseMs (the acquire). Returns {n, ...n parked jobs the first line handed a slot to,
 * ...the acquire's reply}, or {'rebuild'} with nothing done.
 */
export const HAND_OVER = `${PRELUDE}${RELEASE_FN}${ACQUIRE_FN}
if redis.call('EXISTS', readyKey) == 0 then return {'rebuild'} end
local job = ARGV[5]
local done = release(job, 'ok', tonumber(ARGV[6]), 0, tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]))
table.remove(done, 1)
use(8, 9)
local out = acquire(job, ARGV[14], ARGV[15], tonumber(ARGV[16]))
for i = #done, 1, -1 do table.insert(out, 1, done[i]) end
table.insert(out, 1, #done)
return out
`;

/** leave(job): the job no longer waits or calls (cancelled). Returns parked jobs handed a slot. */
export const LEAVE = `${PRELUDE}
local job = ARGV[5]
unline(job)
redis.call('ZREM', leases, job)
redis.call('HDEL', handed, job)
expire()
return handoff()
`;

/**
 * sweep(redispatchMs): drops expired leases and hands their slots on. Returns the parked
 * jobs handed a slot, and those handed one more than redispatchMs ago that have not taken
 * it up (an enqueue lost, or a run that ended before it parked): enqueued again.
 */
export const SWEEP = `${PRELUDE}
if redis.call('EXISTS', readyKey) == 0 then return {} end
local redispatchMs = tonumber(ARGV[5])
expire()
local out = handoff()
local entries = redis.call('HGETALL', handed)
for i = 1, #entries, 2 do
  local job, entry = entries[i], entries[i + 1]
  local joined, sent = string.match(entry, '^(%d+)|(%d+)$')
  if not redis.call('ZSCORE', leases, job) then
    redis.call('HDEL', handed, job)
  elseif sent and now - tonumber(sent) > redispatchMs then
    redis.call('HSET', handed, job, joined .. '|' .. now)
    table.insert(out, job)
  end
end
return out
`;

/** renew(leaseMs, ...jobs): extends the leases this process still holds. */
export const RENEW = `${PRELUDE}
local leaseMs = tonumber(ARGV[5])
for i = 6, #ARGV do redis.call('ZADD', leases, 'XX', now + leaseMs, ARGV[i]) end
return 0
`;

/** standing(job): where a waiting job is, {position, limit, avg_ms}, or false. */
export const STANDING = `${PRELUDE}
local where = standingOf(ARGV[5])
if not where then return false end
return where
`;

/** gauges(): {in flight, limit, avg_ms, waiting} for the metrics and estimates. */
export const GAUGES = `${PRELUDE}
expire()
return {redis.call('ZCARD', leases), limit(), num('avg_ms', 0), redis.call('HLEN', waiters)}
`;

/**
 * rebuild(leaseMs, nLeases, ...leaseJobs, ...[job, owner, priority, joinedMs]): after a
 * flush, the leases and the line as PostgreSQL records them (steps RUNNING and QUEUED).
 */
export const REBUILD = `${PRELUDE}
local leaseMs, n = tonumber(ARGV[5]), tonumber(ARGV[6])
for i = 7, 6 + n do redis.call('ZADD', leases, now + leaseMs, ARGV[i]) end
local i = 7 + n
while i <= #ARGV do
  if redis.call('HEXISTS', waiters, ARGV[i]) == 0 and not redis.call('ZSCORE', leases, ARGV[i]) then
    enline(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], true)
  end
  i = i + 4
end
return 0
`;
