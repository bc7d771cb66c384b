// Webhook configuration columns.
//
// Interface:
//   - webhookConfigurationColumns: NAME, WEBHOOKS (how many webhooks the
//     configuration registers), AGE, for mutating and validating
//     configurations alike.
//
// Talk 000, "Admission": each webhook of a configuration is one more HTTPS
// call on a matching write, so the count is what an operator looks at
// first.

package scheme

import (
	"time"
)

// webhookConfigurationColumns serves both configuration kinds; count
// returns how many webhooks a configuration of type T holds.
func webhookConfigurationColumns[T any](count func(*T) int) []Column {
	return []Column{
		NameColumn(),
		{Name: "Webhooks", Type: "integer", Description: "The number of webhooks the configuration registers.",
			Cell: cellOf(func(c *T, _ time.Time) any { return int64(count(c)) })},
		AgeColumn(),
	}
}
