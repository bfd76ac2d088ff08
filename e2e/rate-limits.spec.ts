// Issue 19's findings 1-3 over real HTTP against the production server (`npm start`'s front before
// Next.js), through next-auth's credentials endpoint. The e2e server allows 5 wrong passwords per
// (account, address) and trusts no proxy. Two client addresses on one machine: every 127.x.y.z is
// this host's loopback, so a socket bound to 127.0.0.2 is a second client.
import { request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/fixtures";

const LIMIT = 5;
const A = "127.0.0.1";
const B = "127.0.0.2";
const randomIp = () => `203.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

interface Answer {
  status: number;
  location: string;
  cookies: string[];
  body: string;
}

/** One HTTP request from a socket bound to `from`, no keep-alive. */
function send(
  baseURL: string,
  from: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? "GET",
        localAddress: from,
        agent: false,
        headers: { connection: "close", ...options.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: String(res.headers.location ?? ""),
            cookies: res.headers["set-cookie"] ?? [],
            body,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

type Outcome = "signed-in" | "wrong" | "rate-limited";

/** A sign-in attempt the way a script makes it: CSRF token, then the credentials POST. */
async function attempt(
  baseURL: string,
  from: string,
  email: string,
  password: string,
  forwardedFor?: string,
): Promise<Outcome> {
  const csrf = await send(baseURL, from, "/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.cookies.map((c) => c.split(";")[0]).join("; ");
  const res = await send(baseURL, from, "/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: new URL(baseURL).origin,
      cookie,
      ...(forwardedFor && { "x-forwarded-for": forwardedFor }),
    },
    body: new URLSearchParams({ email, password, csrfToken }).toString(),
  });
  expect(res.status, res.body).toBe(302);
  if (res.cookies.some((c) => c.includes("session-token="))) return "signed-in";
  if (res.location.includes("code=rate_limited")) return "rate-limited";
  expect(res.location).toContain("error=CredentialsSignin");
  return "wrong";
}

test("50 concurrent sign-ins, 49 wrong and the right one: at most the limit are checked", async ({
  baseURL,
  seedUser,
}) => {
  const owner = await seedUser();
  const passwords = [...Array.from({ length: 49 }, (_, i) => `wrong guess ${i}`), owner.password];
  const outcomes = await Promise.all(passwords.map((p) => attempt(baseURL!, A, owner.email, p)));
  const checked = outcomes.filter((o) => o !== "rate-limited");
  expect(checked.length).toBeLessThanOrEqual(LIMIT);
  expect(outcomes.filter((o) => o === "rate-limited").length).toBeGreaterThanOrEqual(50 - LIMIT);
  // The right one was checked only if it came among the first LIMIT; otherwise it waits too.
  if (outcomes[49] !== "signed-in") expect(outcomes[49]).toBe("rate-limited");
});

test("a fresh X-Forwarded-For per request is one client; guesses from it never lock the owner out elsewhere", async ({
  baseURL,
  seedUser,
}) => {
  const owner = await seedUser();
  for (let i = 0; i < LIMIT; i++) {
    expect(await attempt(baseURL!, A, owner.email, `guess ${i}`, randomIp())).toBe("wrong");
  }
  // Claiming yet another address changes nothing: the server counts the socket's.
  expect(await attempt(baseURL!, A, owner.email, owner.password, randomIp())).toBe("rate-limited");
  expect(await attempt(baseURL!, A, owner.email, owner.password)).toBe("rate-limited");
  // The owner, from an address that has not failed, signs in.
  expect(await attempt(baseURL!, B, owner.email, owner.password)).toBe("signed-in");
});
