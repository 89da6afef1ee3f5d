-- The rate-limit plan of an API key (rampart-auth, dev.rampart.auth.apikey): a plan name from the
-- config's rate-limits.plans, given to the key's caller as its 'plan' attribute. NULL: the default
-- plan. Existing keys keep the default plan.
ALTER TABLE api_keys ADD COLUMN plan TEXT;
