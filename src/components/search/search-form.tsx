import { LICENSE_CHOICES, licenseLabel } from "@/lib/licenses";
import type { SearchRequest } from "@/lib/search-request";
import { buttonClasses } from "@/components/ui/button-styles";

const fieldClasses =
  "h-10 rounded-lg border border-border-strong bg-surface px-3 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-offset-0";

/** The search and its filters, as a plain GET form: the results page is the URL. */
export function SearchForm({ request, signedIn }: { request: SearchRequest; signedIn: boolean }) {
  return (
    <form
      role="search"
      action="/search"
      method="get"
      aria-label="Search with filters"
      className="flex flex-col gap-4"
    >
      <div className="flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          Words to search for
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={request.q}
          placeholder="sunset lisbon, “tram 28”, cat -dog"
          maxLength={200}
          enterKeyHint="search"
          className={`${fieldClasses} min-w-0 flex-1 text-base`}
        />
        <button type="submit" className={buttonClasses("primary", "md")}>
          Search
        </button>
      </div>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="sr-only">Filters</legend>
        {/* Only someone signed in has photos of their own or people they follow. */}
        {signedIn ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="search-who" className="text-sm font-medium text-foreground">
              Whose photos
            </label>
            <select id="search-who" name="who" defaultValue={request.who} className={fieldClasses}>
              <option value="everyone">Everyone&rsquo;s</option>
              <option value="mine">Mine</option>
              <option value="following">People I follow</option>
            </select>
          </div>
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="search-license" className="text-sm font-medium text-foreground">
            License
          </label>
          <select
            id="search-license"
            name="license"
            defaultValue={request.license}
            className={fieldClasses}
            data-testid="search-license"
          >
            <option value="any">Any license</option>
            <option value="reuse">Only photos I may reuse</option>
            <option value="commercial">Reuse commercially and adapt</option>
            {LICENSE_CHOICES.map((l) => (
              <option key={l.id} value={l.id}>
                {licenseLabel(l.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="search-from" className="text-sm font-medium text-foreground">
            Taken from
          </label>
          <input
            id="search-from"
            name="from"
            type="date"
            defaultValue={request.from ?? ""}
            className={fieldClasses}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="search-to" className="text-sm font-medium text-foreground">
            Taken until
          </label>
          <input
            id="search-to"
            name="to"
            type="date"
            defaultValue={request.to ?? ""}
            className={fieldClasses}
          />
        </div>
      </fieldset>
    </form>
  );
}
