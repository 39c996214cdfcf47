-- Issue 17, point 3: opening hours as data. A centre's week is a set of ranges (day 1 =
-- Monday … 7 = Sunday, local Paris times, several ranges a day allowed); a date with rows in
-- centre_hour_exceptions follows those rows instead of its weekday: one row without times
-- closes the whole day (holiday), rows with times are that day's ranges (an extra opening
-- or different hours). "Is it open", "when does it open next" and, later, pickup slots all
-- read the ranges of a date through these two tables.
CREATE TABLE centre_hours (
  centre_id  uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  day        smallint NOT NULL CHECK (day BETWEEN 1 AND 7),
  opens      time NOT NULL,
  closes     time NOT NULL,
  CHECK (opens < closes),
  PRIMARY KEY (centre_id, day, opens)
);

CREATE TABLE centre_hour_exceptions (
  id         bigserial PRIMARY KEY,
  centre_id  uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  date       date NOT NULL,
  opens      time,
  closes     time,
  note       text NOT NULL DEFAULT '',
  CHECK ((opens IS NULL) = (closes IS NULL)),
  CHECK (opens IS NULL OR opens < closes)
);
CREATE INDEX centre_hour_exceptions_idx ON centre_hour_exceptions (centre_id, date);
