-- Argo CD health check for automode.io/WorkloadClass.
-- Healthy: Ready=True for the current generation. Suspended: Ready=True while off-hours holds capacity down.
-- Degraded: Stalled=True or Ready=False (the spec must change). Progressing: everything else, including a stale
-- observedGeneration and Ready=Unknown (the operator keeps Ready Unknown, not False, while merely progressing).
local hs = {}
hs.status = "Progressing"
hs.message = "Waiting for the operator"

if obj.status == nil then
  return hs
end

local generation = obj.metadata.generation or 0
local observed = obj.status.observedGeneration or 0

local ready = nil
local stalled = nil
local offHours = nil
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Ready" then ready = c end
    if c.type == "Stalled" then stalled = c end
    if c.type == "OffHours" then offHours = c end
  end
end

if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = stalled.message or stalled.reason
  return hs
end

if observed < generation then
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.message or ready.reason
  return hs
end

if ready ~= nil and ready.status == "True" then
  if offHours ~= nil and offHours.status == "True" then
    hs.status = "Suspended"
    hs.message = offHours.message or "Off-hours: capacity held down"
    return hs
  end
  hs.status = "Healthy"
  hs.message = ready.message or "Ready"
  return hs
end

if ready ~= nil then
  hs.message = ready.message or ready.reason
end
return hs
