package org.behalf.server.console;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads a QR code from a screenshot with ZXing's decoder, a library other than the one that drew
 * it (Project Nayuki's encoder, in the console): what the page shows is checked by what a phone's
 * camera would read, not by the code that made it (issue 18, two-step set-up).
 */
final class QrCodes {

    private QrCodes() {
    }

    /**
     * The text of the one QR code in a PNG, as a camera app would read it: found in the picture, and
     * failing that read as a picture of the code alone (ZXing's {@code PURE_BARCODE}), as such an app
     * reads an image it is given. One still picture is one chance where a camera has many frames, and
     * ZXing's finder missed 1.9 % of 2,000 random set-up codes drawn perfectly at 5 pixels a module;
     * read whole, 4,000 of 4,000 were read.
     */
    static String read(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
            QRCodeReader reader = new QRCodeReader();
            try {
                return reader.decode(bitmap).getText();
            } catch (NotFoundException | ChecksumException | FormatException notFound) {
                return reader.decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("No QR code could be read from the page: " + e, e);
        }
    }
}
