// Requirement: one condition of a selector, "key op values".
//
// Interface:
//   - NewRequirement(key, op, values) checks and builds one.
//   - Matches(Labels) decides it for one object's labels.
//   - Key, Operator, Values expose it; String prints it canonically.
//
// A Selector (selector.go) is the AND of its Requirements.

package labels

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kubeworkbook/kubeworkbook/shared/labels/selection"
	"github.com/kubeworkbook/kubeworkbook/shared/validation"
	"github.com/kubeworkbook/kubeworkbook/shared/validation/field"
)

// Requirement is one validated condition. The zero value is not valid;
// build one with NewRequirement. Values are kept sorted and without
// duplicates, so two Requirements that mean the same are Equal.
type Requirement struct {
	key      string
	operator selection.Operator
	values   []string // sorted, unique; len 0 for Exists/DoesNotExist
}

// validOperators lists the operators NewRequirement accepts, in the order
// its "supported values" message names them.
var validOperators = []selection.Operator{
	selection.In, selection.NotIn,
	selection.Equals, selection.DoubleEquals, selection.NotEquals,
	selection.GreaterThan, selection.LessThan,
	selection.Exists, selection.DoesNotExist,
}

// NewRequirement checks and returns a Requirement. The rules:
//
//   - key is a qualified name (validation.IsQualifiedName);
//   - In and NotIn need at least one value;
//   - Equals, DoubleEquals and NotEquals need exactly one value;
//   - Exists and DoesNotExist take no value;
//   - GreaterThan and LessThan need exactly one value, an integer;
//   - every value is a valid label value ("" included).
//
// On failure the error aggregates one field.Error per broken rule, with
// paths "key" and "values[i]", in upstream's words.
func NewRequirement(key string, op selection.Operator, vals []string) (*Requirement, error) {
	var errs field.ErrorList
	valuesPath := field.NewPath("values")
	if err := validateLabelKey(key, field.NewPath("key")); err != nil {
		errs = append(errs, err)
	}
	switch op {
	case selection.In, selection.NotIn:
		if len(vals) == 0 {
			errs = append(errs, field.Invalid(valuesPath, vals, "for 'in', 'notin' operators, values set can't be empty"))
		}
	case selection.Equals, selection.DoubleEquals, selection.NotEquals:
		if len(vals) != 1 {
			errs = append(errs, field.Invalid(valuesPath, vals, "exact-match compatibility requires one single value"))
		}
	case selection.Exists, selection.DoesNotExist:
		if len(vals) != 0 {
			errs = append(errs, field.Invalid(valuesPath, vals, "values set must be empty for exists and does not exist"))
		}
	case selection.GreaterThan, selection.LessThan:
		if len(vals) != 1 {
			errs = append(errs, field.Invalid(valuesPath, vals, "for 'Gt', 'Lt' operators, exactly one value is required"))
		}
		for i, v := range vals {
			if _, err := strconv.ParseInt(v, 10, 64); err != nil {
				errs = append(errs, field.Invalid(valuesPath.Index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"))
			}
		}
	default:
		errs = append(errs, field.NotSupported(field.NewPath("operator"), op, validOperators))
	}
	for i, v := range vals {
		if msgs := validation.IsValidLabelValue(v); len(msgs) != 0 {
			errs = append(errs, field.Invalid(valuesPath.Index(i).Key(key), v, strings.Join(msgs, "; ")))
		}
	}
	if err := errs.ToAggregate(); err != nil {
		return nil, err
	}
	sorted := slices.Clone(vals)
	slices.Sort(sorted)
	return &Requirement{key: key, operator: op, values: slices.Compact(sorted)}, nil
}

// validateLabelKey returns the key's problems as one error, nil if valid.
func validateLabelKey(key string, p *field.Path) *field.Error {
	if msgs := validation.IsQualifiedName(key); len(msgs) != 0 {
		return field.Invalid(p, key, strings.Join(msgs, "; "))
	}
	return nil
}

// Key returns the label key the requirement is about.
func (r *Requirement) Key() string { return r.key }

// Operator returns the requirement's operator.
func (r *Requirement) Operator() selection.Operator { return r.operator }

// Values returns a copy of the values, sorted.
func (r *Requirement) Values() []string { return slices.Clone(r.values) }

// Equal reports whether r and x have the same key, operator and values.
// "=" and "==" are different operators here, as upstream, although they
// match the same labels.
func (r Requirement) Equal(x Requirement) bool {
	return r.key == x.key && r.operator == x.operator && slices.Equal(r.values, x.values)
}

// Matches reports whether ls satisfies r:
//
//   - In, Equals, DoubleEquals: the key is present with one of the values;
//   - NotIn, NotEquals: the key is absent, or present with none of them;
//   - Exists / DoesNotExist: the key is present / absent;
//   - GreaterThan, LessThan: the key is present with an integer value that
//     compares so with r's value (a non-integer label never matches).
func (r *Requirement) Matches(ls Labels) bool {
	switch r.operator {
	case selection.In, selection.Equals, selection.DoubleEquals:
		v, ok := ls.Lookup(r.key)
		return ok && r.hasValue(v)
	case selection.NotIn, selection.NotEquals:
		v, ok := ls.Lookup(r.key)
		return !ok || !r.hasValue(v)
	case selection.Exists:
		return ls.Has(r.key)
	case selection.DoesNotExist:
		return !ls.Has(r.key)
	case selection.GreaterThan, selection.LessThan:
		v, ok := ls.Lookup(r.key)
		if !ok || len(r.values) != 1 {
			return false
		}
		have, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return false
		}
		want, err := strconv.ParseInt(r.values[0], 10, 64)
		if err != nil {
			return false
		}
		if r.operator == selection.GreaterThan {
			return have > want
		}
		return have < want
	}
	return false
}

func (r *Requirement) hasValue(v string) bool {
	_, found := slices.BinarySearch(r.values, v)
	return found
}

// String prints r in selector syntax: "!k", "k", "k=v", "k==v", "k!=v",
// "k in (a,b)", "k notin (a)", "k>1", "k<5". Parse reads it back.
func (r *Requirement) String() string {
	var b strings.Builder
	switch r.operator {
	case selection.DoesNotExist:
		return "!" + r.key
	case selection.Exists:
		return r.key
	}
	b.WriteString(r.key)
	switch r.operator {
	case selection.Equals:
		b.WriteString("=")
	case selection.DoubleEquals:
		b.WriteString("==")
	case selection.NotEquals:
		b.WriteString("!=")
	case selection.GreaterThan:
		b.WriteString(">")
	case selection.LessThan:
		b.WriteString("<")
	case selection.In:
		b.WriteString(" in (")
	case selection.NotIn:
		b.WriteString(" notin (")
	}
	b.WriteString(strings.Join(r.values, ","))
	if r.operator == selection.In || r.operator == selection.NotIn {
		b.WriteString(")")
	}
	return b.String()
}

// Requirements is the AND of its elements, as a Selector reports them.
type Requirements []Requirement

// String prints the requirements separated by ", ".
func (rs Requirements) String() string {
	parts := make([]string, len(rs))
	for i := range rs {
		parts[i] = rs[i].String()
	}
	return strings.Join(parts, ", ")
}
