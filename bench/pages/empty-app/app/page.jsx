import { cookies } from "next/headers";

// Reads one cookie, as every Pinhole page does for its session, and renders a small form: dynamic,
// rendered per request (shared/BENCHMARKS.md's baseline for the pages benchmark).
export default async function Page() {
  const session = (await cookies()).get("session");
  return (
    <main>
      <h1>{session ? "Welcome back" : "Sign in"}</h1>
      <form method="post" action="/">
        <label>
          Email <input type="email" name="email" required />
        </label>
        <label>
          Password <input type="password" name="password" required />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
