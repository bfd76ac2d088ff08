-- Search as you type when sharing (src/server/data/access/search-people.ts): a handle or a display-name
-- prefix, case-insensitive. text_pattern_ops lets `LIKE 'prefix%'` use these indexes whatever the
-- database's collation. Expression and operator-class indexes are rules Prisma's schema language
-- cannot express, kept by hand.
CREATE INDEX "users_handle_prefix_idx" ON "users"("handle" text_pattern_ops);
CREATE INDEX "users_display_name_prefix_idx" ON "users"(lower("display_name") text_pattern_ops);
