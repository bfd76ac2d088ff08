// The modal slot is empty unless a client navigation to /photos/<id> was intercepted into it.
export default function ModalDefault() {
  return null;
}
