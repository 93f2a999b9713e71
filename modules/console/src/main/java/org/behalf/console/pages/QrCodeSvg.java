package org.behalf.console.pages;

import io.nayuki.qrcodegen.QrCode;
import org.springframework.stereotype.Component;

/**
 * The two-step set-up's {@code otpauth://} URI as a QR code the authenticator app can scan (issue 18),
 * encoded by Project Nayuki's QR Code generator and drawn as inline SVG: the page's Content Security
 * Policy ({@code default-src 'self'}) allows no {@code data:} image, and inline markup needs none.
 * The SVG is built from the code's modules only (a path of unit squares), never from the URI's text.
 * It is drawn at a whole number of pixels per module ({@link #MODULE_PIXELS}), so that every module
 * is as wide as every other on the screen: at a fixed 200 pixels, modules of 4 and 5 pixels side by
 * side made ZXing's reader fail on 5.7 % of set-up codes (and a test with it, now and then), against
 * 1.9 % at 5 pixels a module (2,000 random set-up URIs each, drawn as Chromium draws crisp edges).
 */
@Component
class QrCodeSvg {

    private static final int QUIET_ZONE = 4;
    /** Pixels per module: a set-up code of 41 modules and its quiet zone is 245 pixels wide, within a phone's screen. */
    private static final int MODULE_PIXELS = 5;

    String svg(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = code.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                if (code.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        int pixels = size * MODULE_PIXELS;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"totp-qr\" role=\"img\" aria-label=\"QR code of the key, for your "
                + "authenticator app\" viewBox=\"0 0 " + size + " " + size + "\" width=\"" + pixels + "\" height=\"" + pixels
                + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
