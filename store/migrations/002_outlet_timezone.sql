-- The outlet's zone, so that re-extraction from the stored page reads zone-less dates the same way.
ALTER TABLE articles ADD COLUMN outlet_timezone VARCHAR;
