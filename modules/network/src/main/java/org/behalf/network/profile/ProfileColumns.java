package org.behalf.network.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.behalf.network.ColumnConverters;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a profile's lists are stored (migration V202611220400): positions, education and skills as
 * JSON text, the private fields' names separated by spaces. Never queried inside.
 */
@Component
class ProfileColumns implements ColumnConverters, GenericConverter {

    private final JsonMapper json;

    ProfileColumns(JsonMapper json) {
        this.json = json;
    }

    @Override
    public List<?> converters() {
        return List.of(this);
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(Profile.Positions.class, String.class), new ConvertiblePair(String.class, Profile.Positions.class),
                new ConvertiblePair(Profile.EducationList.class, String.class), new ConvertiblePair(String.class, Profile.EducationList.class),
                new ConvertiblePair(Profile.Skills.class, String.class), new ConvertiblePair(String.class, Profile.Skills.class),
                new ConvertiblePair(Profile.PrivateFields.class, String.class), new ConvertiblePair(String.class, Profile.PrivateFields.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        if (source instanceof Profile.Positions positions) {
            return json.writeValueAsString(positions.items());
        }
        if (source instanceof Profile.EducationList education) {
            return json.writeValueAsString(education.items());
        }
        if (source instanceof Profile.Skills skills) {
            return json.writeValueAsString(skills.items());
        }
        if (source instanceof Profile.PrivateFields hidden) {
            return String.join(" ", new TreeSet<>(hidden.names()));
        }
        return read((String) source, targetType.getType());
    }

    private Object read(String column, Class<?> type) {
        if (type == Profile.Positions.class) {
            return new Profile.Positions(json.readValue(column, new TypeReference<List<Profile.Position>>() { }));
        }
        if (type == Profile.EducationList.class) {
            return new Profile.EducationList(json.readValue(column, new TypeReference<List<Profile.Education>>() { }));
        }
        if (type == Profile.Skills.class) {
            return new Profile.Skills(json.readValue(column, new TypeReference<List<String>>() { }));
        }
        return new Profile.PrivateFields(column.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(column.split(" "))));
    }
}
