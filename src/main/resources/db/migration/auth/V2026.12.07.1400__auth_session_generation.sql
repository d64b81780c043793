-- Signing out, being signed out everywhere by an admin and changing the password raise the user's
-- session generation; an access token carrying a lower one (claim sgen) is refused (SessionGenerations).
-- A counter, not a time: a token issued in the same second as a sign-out is refused, one issued right
-- after it is not. Tokens issued before this column existed carry none and count as generation 0.
ALTER TABLE auth.users ADD COLUMN session_generation bigint NOT NULL DEFAULT 0;
