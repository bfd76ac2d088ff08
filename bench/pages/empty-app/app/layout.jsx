// The baseline app of `npm run bench -- pages`: the least a dynamic Next.js page costs on this host.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
