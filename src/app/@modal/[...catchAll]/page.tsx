// A client navigation from an open photo modal to any other page (a tag, the owner, the header's
// links) matches here and empties the slot: an unmatched slot would keep showing the modal.
export default function ModalCatchAll() {
  return null;
}
