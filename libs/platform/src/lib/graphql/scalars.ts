import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/**
 * `DateTime`: RFC 3339 / ISO 8601 with an offset, both ways (an input without offset is refused).
 * `LocalDate`: a calendar date, YYYY-MM-DD, for dates that are not instants (a hire date).
 */
export { GraphQLDateTime as DateTimeScalar, GraphQLLocalDate as LocalDateScalar };
