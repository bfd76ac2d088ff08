import "server-only";
import { z } from "zod";
import { type ApiResponseSpec, defineOperation } from "./api-operation";
import * as s from "./schemas";

// Every operation of /api/v1: what its route handler validates, what it answers, and the examples
// the documentation shows and the examples test sends. The OpenAPI document is built from this list.

const err = (description: string): ApiResponseSpec => ({ description, schema: s.errorBody });
const E400 = err("Malformed id, query, cursor or body (`bad_request`)");
const E401 = err("The access token is unknown, revoked or expired, or one is needed (`unauthorized`)");
const E403 = err("The token lacks the scope this needs (`forbidden`)");
const E404 = err("No such thing, or not visible to this caller (`not_found`): never a 403");
const E429 = err("Too many requests (`rate_limited`); see Retry-After and RateLimit");
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

export const listPhotos = defineOperation({
  id: "listPhotos",
  method: "GET",
  path: "/api/v1/photos",
  routeFile: "api/v1/photos/route.ts",
  summary: "List photos",
  description:
    "A person's photostream (`owner`), a tag's photos (`tag`), or the newest public photos (neither). Newest first; only what the caller may see.",
  scope: "read",
  query: s.photoListQuery,
  responses: {
    200: { description: "One page", schema: s.photoPage },
    400: E400,
    401: E401,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "Your photostream", auth: "read", query: { owner: "{handle}", limit: "10" }, status: 200 },
    { name: "Newest public photos, anonymously", auth: "none", query: { limit: "5" }, status: 200 },
    { name: "A cursor that is not one", auth: "read", query: { cursor: "bm9wZQ" }, status: 400 },
    { name: "Owner and tag together", auth: "read", query: { owner: "{handle}", tag: "x" }, status: 400 },
  ],
});

export const uploadPhoto = defineOperation({
  id: "uploadPhoto",
  method: "POST",
  path: "/api/v1/photos",
  routeFile: "api/v1/photos/route.ts",
  summary: "Upload a photo",
  description:
    "The body is the image file itself (JPEG, PNG, WebP, AVIF, GIF or HEIC), streamed. The photo is PROCESSING until its sizes are made; poll GET /api/v1/photos/{id}. The same bytes or the same Idempotency-Key again give back the existing photo (200).",
  scope: "write",
  query: s.uploadQuery,
  binaryBody: true,
  headers: [
    { name: "X-Upload-Filename", description: "The file's name (URL-encoded); the title starts from it" },
    {
      name: "Idempotency-Key",
      description: "Up to 200 visible ASCII characters: a retry makes no second photo",
    },
  ],
  responses: {
    201: { description: "Received; processing", schema: s.uploadResult },
    200: { description: "Already uploaded (same bytes or Idempotency-Key)", schema: s.uploadResult },
    400: E400,
    401: E401,
    403: E403,
    404: err("No such album of the caller's (`not_found`)"),
    413: err("Over the size or pixel limit (`payload_too_large`)"),
    415: err("Not an image we accept (`unsupported_media_type`)"),
    429: E429,
  },
  examples: [
    { name: "Upload a JPEG", auth: "write", upload: "gps/DSCN0012.jpg", status: 201 },
    { name: "With a read-only token", auth: "read", upload: "gps/DSCN0012.jpg", status: 403 },
    { name: "Anonymously", auth: "none", upload: "gps/DSCN0012.jpg", status: 401 },
  ],
});

export const getPhoto = defineOperation({
  id: "getPhoto",
  method: "GET",
  path: "/api/v1/photos/{id}",
  routeFile: "api/v1/photos/[id]/route.ts",
  summary: "Get a photo",
  description: "Its details as the caller may see them; the location and file name only for its owner.",
  scope: "read",
  params: s.pathId,
  responses: {
    200: { description: "The photo", schema: s.photoEnvelope },
    400: E400,
    401: E401,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "One of yours", auth: "read", params: { id: "{photo}" }, status: 200 },
    { name: "Someone else's private photo", auth: "read", params: { id: "{other_photo}" }, status: 404 },
    { name: "No such photo", auth: "read", params: { id: UNKNOWN }, status: 404 },
    { name: "Not an id", auth: "read", params: { id: "..%2F..%2Fetc%2Fpasswd" }, status: 400 },
  ],
});

export const updatePhoto = defineOperation({
  id: "updatePhoto",
  method: "PATCH",
  path: "/api/v1/photos/{id}",
  routeFile: "api/v1/photos/[id]/route.ts",
  summary: "Edit a photo",
  description: "The owner's edit: only the fields sent change.",
  scope: "write",
  params: s.pathId,
  body: s.photoUpdate,
  responses: {
    200: { description: "The photo after the edit", schema: s.photoEnvelope },
    400: E400,
    401: E401,
    403: E403,
    404: E404,
    429: E429,
  },
  examples: [
    {
      name: "Retitle and tag",
      auth: "write",
      params: { id: "{photo}" },
      body: { title: "Harbour at dusk", tags: ["harbour", "dusk"] },
      status: 200,
    },
    {
      name: "Someone else's photo",
      auth: "write",
      params: { id: "{other_photo}" },
      body: { title: "x" },
      status: 404,
    },
    {
      name: "A field that does not exist",
      auth: "write",
      params: { id: "{photo}" },
      body: { owner: "me" },
      status: 400,
    },
  ],
});

export const deletePhoto = defineOperation({
  id: "deletePhoto",
  method: "DELETE",
  path: "/api/v1/photos/{id}",
  routeFile: "api/v1/photos/[id]/route.ts",
  summary: "Delete a photo (to the trash)",
  description:
    "The owner's: moved to the trash, so gone from every path (page, every size, search, albums) at once. The owner can restore it from `/trash` with its albums, grants, favourites and comments for 30 days; then it and its files are deleted for good. Emptying the trash deletes it sooner. Deleting it again answers 404.",
  scope: "write",
  params: s.pathId,
  responses: {
    204: { description: "Moved to the trash" },
    400: E400,
    401: E401,
    403: E403,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "Delete one of yours", auth: "write", params: { id: "{disposable_photo}" }, status: 204 },
    { name: "Someone else's", auth: "write", params: { id: "{other_photo}" }, status: 404 },
  ],
});

export const downloadPhoto = defineOperation({
  id: "downloadPhoto",
  method: "GET",
  path: "/api/v1/photos/{id}/download",
  routeFile: "api/v1/photos/[id]/download/route.ts",
  summary: "Download a size or the original",
  description:
    "A generated WebP size, or the original: as uploaded for its owner; without its location for others when the owner allows it. Originals count against a daily byte quota per caller (`quota_exceeded`).",
  scope: "read",
  params: s.pathId,
  query: s.downloadQuery,
  responses: {
    200: { description: "The file (an original is an attachment)", binary: "image/*" },
    400: E400,
    401: E401,
    404: E404,
    429: err("Too many requests, or the day's originals quota is used up (`quota_exceeded`)"),
  },
  examples: [
    { name: "A 320 px WebP", auth: "read", params: { id: "{photo}" }, query: { size: "w320" }, status: 200 },
    {
      name: "Your original",
      auth: "read",
      params: { id: "{photo}" },
      query: { size: "original" },
      status: 200,
    },
    {
      name: "Someone else's private photo",
      auth: "read",
      params: { id: "{other_photo}" },
      query: { size: "w320" },
      status: 404,
    },
    {
      name: "A size that is not one",
      auth: "read",
      params: { id: "{photo}" },
      query: { size: "../original" },
      status: 400,
    },
  ],
});

export const listAlbums = defineOperation({
  id: "listAlbums",
  method: "GET",
  path: "/api/v1/albums",
  routeFile: "api/v1/albums/route.ts",
  summary: "List albums",
  description: "A person's albums the caller may open (`owner`), or the caller's own. Newest first.",
  scope: "read",
  query: s.albumListQuery,
  responses: {
    200: { description: "One page", schema: s.albumPage },
    400: E400,
    401: E401,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "Your albums", auth: "read", status: 200 },
    { name: "Someone's albums, anonymously", auth: "none", query: { owner: "{handle}" }, status: 200 },
    { name: "Your own albums need a token", auth: "none", status: 401 },
  ],
});

export const getAlbum = defineOperation({
  id: "getAlbum",
  method: "GET",
  path: "/api/v1/albums/{id}",
  routeFile: "api/v1/albums/[id]/route.ts",
  summary: "Get an album",
  scope: "read",
  params: s.pathId,
  responses: {
    200: { description: "The album", schema: s.albumEnvelope },
    400: E400,
    401: E401,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "One of yours", auth: "read", params: { id: "{album}" }, status: 200 },
    { name: "A private album, anonymously", auth: "none", params: { id: "{album}" }, status: 404 },
  ],
});

export const listAlbumPhotos = defineOperation({
  id: "listAlbumPhotos",
  method: "GET",
  path: "/api/v1/albums/{id}/photos",
  routeFile: "api/v1/albums/[id]/photos/route.ts",
  summary: "List an album's photos",
  description: "In the album's order; only the photos the caller may see.",
  scope: "read",
  params: s.pathId,
  query: s.pageQuery,
  responses: {
    200: { description: "One page", schema: s.photoPage },
    400: E400,
    401: E401,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "Your album", auth: "read", params: { id: "{album}" }, status: 200 },
    { name: "No such album", auth: "read", params: { id: UNKNOWN }, status: 404 },
  ],
});

export const searchPhotos = defineOperation({
  id: "searchPhotos",
  method: "GET",
  path: "/api/v1/search",
  routeFile: "api/v1/search/route.ts",
  summary: "Search photos",
  description:
    "Titles, tags and descriptions; the last word also as a prefix, and misspellings corrected. Best first; only what the caller may see.",
  scope: "read",
  query: s.searchQuery,
  responses: { 200: { description: "One page", schema: s.photoPage }, 400: E400, 401: E401, 429: E429 },
  examples: [
    { name: "Your photos of the harbour", auth: "read", query: { q: "harbour", who: "mine" }, status: 200 },
    { name: "Anything, anonymously", auth: "none", query: { q: "sunset 'or' -rain" }, status: 200 },
    { name: "A limit out of range", auth: "read", query: { q: "x", limit: "1000" }, status: 400 },
  ],
});

export const listFavorites = defineOperation({
  id: "listFavorites",
  method: "GET",
  path: "/api/v1/favorites",
  routeFile: "api/v1/favorites/route.ts",
  summary: "List your favorites",
  description: "The caller's favorites they can still see, most recently favorited first.",
  scope: "read",
  signedIn: true,
  query: s.pageQuery,
  responses: { 200: { description: "One page", schema: s.photoPage }, 400: E400, 401: E401, 429: E429 },
  examples: [
    { name: "Your favorites", auth: "read", status: 200 },
    { name: "Anonymously", auth: "none", status: 401 },
  ],
});

export const addFavorite = defineOperation({
  id: "addFavorite",
  method: "PUT",
  path: "/api/v1/favorites/{photo_id}",
  routeFile: "api/v1/favorites/[photo_id]/route.ts",
  summary: "Favorite a photo",
  description: "Idempotent.",
  scope: "write",
  params: s.pathPhotoId,
  responses: {
    200: { description: "The new state", schema: s.favoriteState },
    400: E400,
    401: E401,
    403: E403,
    404: E404,
    429: E429,
  },
  examples: [
    { name: "Favorite", auth: "write", params: { photo_id: "{photo}" }, status: 200 },
    { name: "A photo you may not see", auth: "write", params: { photo_id: "{other_photo}" }, status: 404 },
    { name: "With a read-only token", auth: "read", params: { photo_id: "{photo}" }, status: 403 },
  ],
});

export const removeFavorite = defineOperation({
  id: "removeFavorite",
  method: "DELETE",
  path: "/api/v1/favorites/{photo_id}",
  routeFile: "api/v1/favorites/[photo_id]/route.ts",
  summary: "Un-favorite a photo",
  description: "Idempotent.",
  scope: "write",
  params: s.pathPhotoId,
  responses: {
    200: { description: "The new state", schema: s.favoriteState },
    400: E400,
    401: E401,
    403: E403,
    404: E404,
    429: E429,
  },
  examples: [{ name: "Un-favorite", auth: "write", params: { photo_id: "{photo}" }, status: 200 }],
});

export const getMe = defineOperation({
  id: "getMe",
  method: "GET",
  path: "/api/v1/me",
  routeFile: "api/v1/me/route.ts",
  summary: "Your profile",
  description: "The token's owner, and the token's name and scopes.",
  scope: "read",
  signedIn: true,
  responses: { 200: { description: "You", schema: s.me }, 401: E401, 429: E429 },
  examples: [
    { name: "Who am I", auth: "read", status: 200 },
    { name: "Without a token", auth: "none", status: 401 },
  ],
});

export const getOpenApi = defineOperation({
  id: "getOpenApi",
  method: "GET",
  path: "/api/v1/openapi.json",
  routeFile: "api/v1/openapi.json/route.ts",
  summary: "This document",
  description: "OpenAPI 3.1, generated from the schemas the handlers validate with.",
  scope: "read",
  responses: {
    200: { description: "The OpenAPI document", schema: z.looseObject({ openapi: z.literal("3.1.0") }) },
  },
  examples: [{ name: "The document", auth: "none", status: 200 }],
});

/** In the order the documentation lists them. */
export const API_OPERATIONS = [
  getMe,
  listPhotos,
  uploadPhoto,
  getPhoto,
  updatePhoto,
  downloadPhoto,
  listAlbums,
  getAlbum,
  listAlbumPhotos,
  searchPhotos,
  listFavorites,
  addFavorite,
  removeFavorite,
  deletePhoto,
  getOpenApi,
] as const;
