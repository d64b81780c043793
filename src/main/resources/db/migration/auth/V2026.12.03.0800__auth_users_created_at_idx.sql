-- The console's sign-ups per day: accounts created in a time range, whatever their plan.
CREATE INDEX users_created_at_idx ON auth.users (created_at);
