-- Order mails waiting to go out (src/modules/mail/queue.ts). A row is written when the
-- mail is decided and delivered by whichever node claims it first: a claim pushes
-- next_attempt_at forward as a lease (FOR UPDATE SKIP LOCKED) and counts the attempt, so
-- several nodes never send one mail twice and a node that dies mid-send leaves the mail to
-- be tried again once the lease runs out. Once sent, the bodies are cleared; finished rows
-- (sent or given up) are deleted 30 days later. Password-reset mails are never stored here.
-- Times come from the application's clock.
CREATE TABLE mail_queue (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_address       text NOT NULL,
  to_name          text,
  subject          text NOT NULL,
  text_body        text,
  html_body        text,
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  sent_at          timestamptz,
  given_up_at      timestamptz,
  created_at       timestamptz NOT NULL
);
-- What is waiting, by when it is due: the worker's claim reads only this.
CREATE INDEX mail_queue_due_idx ON mail_queue (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
