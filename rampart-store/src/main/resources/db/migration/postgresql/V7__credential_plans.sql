-- Rate-limit plans of credentials (rampart-auth): a plan name from the config's rate-limits.plans.
-- An API key's caller gets it as its 'plan' attribute; an OAuth2 client's tokens carry it as claim
-- 'plan', which becomes the same attribute. NULL: the default plan; existing credentials keep it.
ALTER TABLE api_keys ADD COLUMN plan TEXT;
ALTER TABLE oauth2_clients ADD COLUMN plan TEXT;
