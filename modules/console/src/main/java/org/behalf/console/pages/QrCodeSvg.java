package org.behalf.console.pages;

import io.nayuki.qrcodegen.QrCode;
import org.springframework.stereotype.Component;

/**
 * The two-step set-up's {@code otpauth://} URI as a QR code the authenticator app can scan (issue 18),
 * encoded by Project Nayuki's QR Code generator and drawn as inline SVG: the page's Content Security
 * Policy ({@code default-src 'self'}) allows no {@code data:} image, and inline markup needs none.
 * The SVG is built from the code's modules only (a path of unit squares), never from the URI's text.
 */
@Component
class QrCodeSvg {

    private static final int QUIET_ZONE = 4;

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
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"totp-qr\" role=\"img\" aria-label=\"QR code of the key, for your "
                + "authenticator app\" viewBox=\"0 0 " + size + " " + size + "\" width=\"200\" height=\"200\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
