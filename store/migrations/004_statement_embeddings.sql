-- The stance model's statement embeddings, for "statements similar in meaning" (quotes --like).
ALTER TABLE statements ADD COLUMN embedding FLOAT[384];
