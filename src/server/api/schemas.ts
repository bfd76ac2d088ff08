import "server-only";
import { z } from "zod";
import { MAX_TAG_LENGTH, MAX_TAGS } from "@/lib/tags";
import { LICENSE_FILTERS, LICENSES } from "@/lib/licenses";
import { SEARCH_WHO } from "@/lib/search-request";

// The public API's shapes, in one place: route handlers validate what comes in with these and build
// what goes out to match them, and the OpenAPI document is generated from them (build-openapi.ts).
// JSON field names are snake_case; they change only with a new API version.

const id = z.uuid().meta({ description: "A random UUID", example: "5b3f8e0a-2c1d-4e6f-9a7b-1c2d3e4f5a6b" });
const dateTime = z.iso.datetime();
const visibility = z.enum(["PUBLIC", "PRIVATE", "SHARED"]);
const licenseId = z.enum(LICENSES).meta({ description: "All rights reserved, a CC 4.0 license, CC0 or PDM" });
const license = z
  .object({
    id: licenseId,
    name: z.string().meta({ example: "Attribution 4.0 International" }),
    url: z.string().nullable().meta({ description: "The license's deed; null for all rights reserved" }),
  })
  .meta({ title: "License" });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "not_found" }),
      message: z.string().meta({ description: "Plain words for people", example: "No such photo" }),
    }),
  })
  .meta({ title: "Error" });

export const person = z.object({
  handle: z.string().meta({ example: "ada" }),
  display_name: z.string().meta({ example: "Ada L." }),
});

export const photoSummary = z
  .object({
    id,
    title: z.string(),
    alt: z.string().meta({ description: 'The title, or "Photo by <name>" when it has none' }),
    width: z.number().int(),
    height: z.number().int(),
    visibility,
    created_at: dateTime,
    owner: person,
    thumbhash: z.string().nullable().meta({ description: "A ThumbHash (base64) to show while loading" }),
    download_url: z.string().meta({ description: "GET with ?size=w<width>|original" }),
  })
  .meta({ title: "PhotoSummary" });

export const photoPage = z.object({
  photos: z.array(photoSummary),
  next_cursor: z
    .string()
    .nullable()
    .meta({ description: "Pass as ?cursor= for the next page; null at the end" }),
});

export const photoDetail = z
  .object({
    id,
    title: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    alt: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    status: z.enum(["PROCESSING", "READY", "FAILED"]),
    visibility,
    is_public: z.boolean().meta({ description: "Anyone may see it (its own visibility or its album's)" }),
    created_at: dateTime,
    taken_at: dateTime.nullable(),
    owner: person,
    album: z.object({ id, title: z.string() }).nullable(),
    variants: z.array(z.object({ width: z.number().int(), height: z.number().int() })),
    license,
    rights: z
      .object({ creator: z.string().nullable(), copyright: z.string().nullable() })
      .nullable()
      .meta({ description: "Creator and copyright notice as the file carries them (EXIF, IPTC, XMP)" }),
    is_owner: z.boolean(),
    original: z
      .object({ without_location: z.boolean() })
      .nullable()
      .meta({ description: "The original this caller may download (?size=original), or null" }),
    download_url: z.string(),
    owner_only: z
      .object({
        gps: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
        original_name: z.string(),
        allow_original: z.boolean(),
        album_id: id,
        failure_reason: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "Only for the photo's owner" }),
  })
  .meta({ title: "Photo" });

export const photoEnvelope = z.object({ photo: photoDetail });

export const uploadResult = z.object({
  photo: z.object({
    id,
    title: z.string(),
    status: z.enum(["PROCESSING", "READY", "FAILED"]),
    album_id: id,
    failure_reason: z.string().nullable(),
  }),
  duplicate: z
    .boolean()
    .meta({ description: "The same bytes or Idempotency-Key gave back an existing photo" }),
});

export const album = z
  .object({
    id,
    title: z.string(),
    description: z.string(),
    visibility,
    is_default: z.boolean(),
    owner: person,
    photo_count: z.number().int().meta({ description: "Photos in it this caller may see" }),
    cover_photo_id: id.nullable(),
    updated_at: dateTime,
  })
  .meta({ title: "Album" });

export const albumEnvelope = z.object({ album });

export const albumPage = z.object({
  albums: z.array(album.omit({ description: true, cover_photo_id: true, updated_at: true })),
  next_cursor: z.string().nullable(),
});

export const me = z.object({
  id,
  handle: z.string(),
  display_name: z.string(),
  email: z.email(),
  bio: z.string(),
  created_at: dateTime,
  photo_count: z.number().int(),
  album_count: z.number().int(),
  token: z.object({ name: z.string(), scopes: z.array(z.enum(["read", "write"])) }),
});

export const favoriteState = z.object({
  favorited: z.boolean(),
  count: z.number().int().meta({ description: "How many people have favorited it" }),
});

// ─── Input ──────────────────────────────────────────────────────────────────────────────────────

export const pathId = z.object({ id });
export const pathPhotoId = z.object({ photo_id: id });

const cursor = z.string().max(200).optional().meta({ description: "next_cursor of the previous page" });
const limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .optional()
  .meta({ description: "1 to 100; default 60" });
export const pageQuery = z.object({ cursor, limit });

export const photoListQuery = z.object({
  owner: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .meta({ description: "A person's handle: their photostream" }),
  tag: z.string().min(1).max(200).optional().meta({ description: "Photos with this tag" }),
  cursor,
  limit,
});

export const albumListQuery = z.object({
  owner: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .meta({ description: "A person's handle; without it, the caller's own albums" }),
  cursor,
  limit,
});

const day = z.iso.date().meta({ description: "YYYY-MM-DD (UTC), inclusive" });
export const searchQuery = z.object({
  q: z.string().max(1000).meta({ description: "Words; quotes for phrases, -word to exclude, or" }),
  who: z.enum(SEARCH_WHO).optional().meta({ description: "everyone (default), mine, following" }),
  from: day.optional(),
  to: day.optional(),
  license: z
    .union([z.enum(LICENSE_FILTERS), licenseId])
    .optional()
    .meta({ description: "any (default), reuse (others may reuse), commercial, or one license id" }),
  cursor,
  limit,
});

export const downloadQuery = z.object({
  size: z
    .union([z.literal("original"), z.string().regex(/^w\d{1,4}$/)])
    .default("w1024")
    .meta({ description: "original, or w<width> (the nearest generated width at or above it)" }),
});

export const uploadQuery = z.object({
  album: id.optional().meta({ description: "One of the caller's albums; default: their photostream" }),
  visibility: z.enum(["PUBLIC", "SHARED", "PRIVATE"]).optional().meta({
    description:
      "Who sees the photo; default: the caller's default visibility for uploads (settings), made no wider than the album's",
  }),
});

export const photoUpdate = z
  .object({
    title: z.string().max(200).optional(),
    description: z.string().max(5000).optional(),
    tags: z.array(z.string().max(MAX_TAG_LENGTH)).max(MAX_TAGS).optional(),
    album_id: id.optional().meta({ description: "Move it to another of the caller's albums" }),
    allow_original: z.boolean().optional().meta({ description: "Others may download the original" }),
    license: licenseId.optional(),
  })
  .strict();
