-- Minutes without input after which the window locks to the sign-in screen.
ALTER TABLE organisation ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10 CHECK (idle_lock_minutes BETWEEN 1 AND 240);
