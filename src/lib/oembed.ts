/** The oEmbed endpoint's URL for one of our pages (`path` like /photos/<id>), for discovery links. */
export function oembedHref(origin: string, path: string): string {
  return `${origin}/oembed?${new URLSearchParams({ url: `${origin}${path}`, format: "json" })}`;
}
