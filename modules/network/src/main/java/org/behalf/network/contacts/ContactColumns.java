package org.behalf.network.contacts;

import java.util.List;

import org.behalf.network.ColumnConverters;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.stereotype.Component;

/** How a contact's lists are stored (migration V202611220420): one value per line ({@link StoredContact.Lines}). */
@Component
class ContactColumns implements ColumnConverters {

    @Override
    public List<?> converters() {
        return List.of(new Writing(), new Reading());
    }

    @WritingConverter
    static final class Writing implements Converter<StoredContact.Lines, String> {
        @Override
        public String convert(StoredContact.Lines lines) {
            return lines.column();
        }
    }

    @ReadingConverter
    static final class Reading implements Converter<String, StoredContact.Lines> {
        @Override
        public StoredContact.Lines convert(String column) {
            return StoredContact.Lines.of(column);
        }
    }
}
