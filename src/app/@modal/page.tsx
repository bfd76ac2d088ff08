// "/" is not matched by the catch-all (it needs a segment): without this, going to Explore from an
// open modal would leave the modal showing.
export default function ModalRoot() {
  return null;
}
