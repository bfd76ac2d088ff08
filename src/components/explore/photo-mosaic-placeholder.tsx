// Decorative stand-ins for photos: soft gradients hinting at the grid that will fill this page.
const tiles = [
  "col-span-2 row-span-2 from-amber-200 via-orange-300 to-rose-400",
  "from-sky-200 to-indigo-300",
  "from-emerald-200 to-teal-400",
  "from-fuchsia-200 to-pink-400",
  "from-yellow-100 to-amber-300",
  "col-span-2 from-cyan-200 via-sky-300 to-blue-400",
];

export function PhotoMosaicPlaceholder() {
  return (
    <div aria-hidden="true" className="grid aspect-[4/3] w-full grid-cols-4 grid-rows-3 gap-2 sm:gap-3">
      {tiles.map((tile) => (
        <div key={tile} className={`rounded-xl bg-linear-to-br shadow-sm dark:opacity-75 ${tile}`} />
      ))}
    </div>
  );
}
