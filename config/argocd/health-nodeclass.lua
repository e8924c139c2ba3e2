-- Argo CD health check for eks.amazonaws.com/NodeClass (Argo CD has none built in).
-- Auto Mode sets a Ready condition on NodeClasses; key only off Ready (other condition names are unverified).
local hs = {}
hs.status = "Progressing"
hs.message = "Waiting for EKS Auto Mode to resolve the NodeClass"
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Ready" then
      if c.status == "True" then
        hs.status = "Healthy"
        hs.message = c.message or "Ready"
      elseif c.status == "False" then
        hs.status = "Degraded"
        hs.message = c.message or c.reason
      else
        hs.message = c.message or c.reason
      end
    end
  end
end
return hs
