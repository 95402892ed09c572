package exhibit

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"

	xdraw "golang.org/x/image/draw"
)

// image checks an image exhibit and stores it encoded again: decoding
// proves it whole, and encoding what was decoded drops metadata (EXIF
// location, comments) and gives gopdf one simple form to embed, an opaque
// 8-bit image. Transparent pixels are laid on white, and an image whose
// longer side has more than MaxSide pixels is scaled down to that.
func (ex *Exhibit) image(data []byte, format string) error {
	cfg, got, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("is not a %s image relief can read (%v)", upper(format), err)
	}
	if got != format {
		return fmt.Errorf("is named as a %s image but holds a %s image; rename it", upper(format), upper(got))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return errors.New("is an empty image")
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxPixels {
		return fmt.Errorf("is %d × %d pixels; an image exhibit may have at most %d million pixels", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("is not a %s image relief can read (%v)", upper(format), err)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > MaxSide {
		// More pixels than a printed page shows only make the packet
		// bigger (and e-filing portals cap file sizes).
		w, h = max(1, w*MaxSide/long), max(1, h*MaxSide/long)
	}
	flat := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(flat, flat.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	} else {
		xdraw.CatmullRom.Scale(flat, flat.Bounds(), img, b, draw.Over, nil)
	}
	var out bytes.Buffer
	if format == "png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&out, opaque{flat})
	} else {
		err = jpeg.Encode(&out, flat, &jpeg.Options{Quality: 90})
	}
	if err != nil {
		return err
	}
	ex.Data, ex.Width, ex.Height = out.Bytes(), w, h
	ex.Pages = []Size{{W: letterWidth, H: letterHigh}}
	return nil
}

// opaque makes png write RGB rather than RGBA: gopdf then needs no soft
// mask.
type opaque struct{ *image.RGBA }

func (opaque) Opaque() bool { return true }

func upper(format string) string {
	if format == "jpeg" {
		return "JPEG"
	}
	return "PNG"
}
