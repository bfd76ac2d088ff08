import { cookies } from "next/headers";

// Reads one cookie, as every Pinhole page does for its session: dynamic, rendered per request.
export default async function Page() {
  const session = (await cookies()).get("session");
  return <p>{session ? "Hello again" : "Hello"}</p>;
}
