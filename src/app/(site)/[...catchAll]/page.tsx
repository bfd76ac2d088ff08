import { notFound } from "next/navigation";

// Any URL no other route matches: the 404 page under the (site) layout, with the signed-in header.
export default function Missing(): never {
  notFound();
}
