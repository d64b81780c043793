-- Plans are a catalogue kept by license (license.plans): a user's plan is any code of it, checked there
-- before auth records it (AuthApi.changePlan), no longer one of three fixed names.
ALTER TABLE auth.users DROP CONSTRAINT users_plan_check;
ALTER TABLE auth.users ADD CONSTRAINT users_plan_code_check CHECK (plan ~ '^[a-z0-9-]{1,32}$');
