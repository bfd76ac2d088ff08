# Pinhole's production image: the standalone server `npm run build` writes (.next/standalone: Next's
# server files with only the node_modules they trace, Pinhole's front and launcher bundled beside them),
# started the way the Node host guide starts it: `node pinhole.mjs start`.
# Build: docker build -t pinhole .      Run: see compose.yaml.

# Node 20 on Debian 12: the system the standalone start is tested on (glibc: sharp's and the embedded
# PostgreSQL's prebuilt binaries).
FROM node:20-bookworm-slim AS build
WORKDIR /src
# Dependencies first, so a source change does not reinstall them. postinstall generates Prisma's
# client from the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    PINHOLE_DATA_DIR=/data
WORKDIR /app
# PostgreSQL refuses to run as root: the embedded database (no DATABASE_URL) needs a user of its own.
RUN useradd --system --uid 1001 --home-dir /data pinhole && mkdir -p /data && chown pinhole /data
COPY --from=build --chown=pinhole /src/.next/standalone ./
USER pinhole
EXPOSE 3000
# With no DATABASE_URL: the embedded PostgreSQL's cluster, the session secret and local-disk photos.
VOLUME /data
# The launcher: migrations, then the server (heap PINHOLE_HEAP_MB, MALLOC_ARENA_MAX=2), started again
# if it dies; SIGTERM drains it (PINHOLE_SHUTDOWN_GRACE_SECONDS) and stops the embedded database.
STOPSIGNAL SIGTERM
CMD ["node", "pinhole.mjs", "start"]
