package draft

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reliefkit/relief/internal/assemble"
)

// Regenerate the page images of the packets other than the dismissal
// (sealing, Certificate of Rehabilitation, pardon, Proposition 47 and 64,
// fire camp) in docs/images (needs pdftoppm from poppler-utils):
//
//	go test ./internal/draft/ -run TestPacketImages -packet-pngs
var packetPNGs = flag.Bool("packet-pngs", false, "rewrite the page images of docs/packets.md in docs/images")

// packetImages are the pages docs/packets.md shows: the example, the
// packet file, the 1-based page and the image's name.
var packetImages = []struct {
	example, packet string
	page            int
	name            string
	layout          string // --layout; "" for the default
}{
	{"arrest-sealing", "sealing-no-charges-2020.pdf", 2, "sealing-petition.png", ""},
	{"arrest-sealing", "sealing-no-charges-2020.pdf", 3, "sealing-order.png", ""},
	{"arrest-sealing", "sealing-no-charges-2020.pdf", 5, "sealing-proof-of-service.png", ""},
	{"arrest-sealing", "sealing-no-charges-2020.pdf", 2, "sealing-pleading-petition.png", LayoutPleading},
	{"cor-two-counties", "cor.pdf", 2, "cor-petition.png", ""},
	{"cor-two-counties", "cor.pdf", 1, "cor-cover.png", ""},
	{"out-of-state-pardon", "pardon.pdf", 3, "pardon-application.png", ""},
	{"out-of-state-pardon", "pardon.pdf", 6, "pardon-proof-of-service.png", ""},
	{"prop47-redesignation", "prop47-ala-2011.pdf", 2, "prop47-petition.png", ""},
	{"prop64-cannabis", "prop64-fre-2011.pdf", 2, "prop64-petition.png", ""},
	{"fire-camp", "firecamp-sha-2019.pdf", 2, "firecamp-petition.png", ""},
}

// TestPacketImages writes the images with -packet-pngs; without it, it
// checks that every image is there.
func TestPacketImages(t *testing.T) {
	out := filepath.Join("..", "..", "docs", "images")
	if !*packetPNGs {
		for _, im := range packetImages {
			if _, err := os.Stat(filepath.Join(out, im.name)); err != nil {
				t.Errorf("docs/images/%s is missing: run go test ./internal/draft/ -run TestPacketImages -packet-pngs", im.name)
			}
		}
		return
	}
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("-packet-pngs needs pdftoppm (poppler-utils)")
	}
	tmp := t.TempDir()
	for _, im := range packetImages {
		_, outs, _ := runExample(t, filepath.Join("..", "..", "examples", im.example, "case.toml"),
			Options{Creator: "relief", Layout: im.layout, Assemble: assemble.Options{Packets: []string{}}})
		var pdf []byte
		for _, o := range outs {
			if o.Packet.FileName == im.packet {
				pdf = o.PDF
			}
		}
		if pdf == nil {
			t.Fatalf("%s: no %s drafted", im.example, im.packet)
		}
		src := filepath.Join(tmp, im.packet)
		if err := os.WriteFile(src, pdf, 0o600); err != nil {
			t.Fatal(err)
		}
		stem := filepath.Join(tmp, "page")
		p := fmt.Sprint(im.page)
		if b, err := exec.Command(tool, "-r", "70", "-png", "-singlefile", "-f", p, "-l", p, src, stem).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v: %s", err, b)
		}
		b, err := os.ReadFile(stem + ".png")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, im.name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
